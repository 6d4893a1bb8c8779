package demo.mesh.console.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The grants a signed-in person holds: the roles of their token that are written as {@link Grant}s. */
public record Grants(List<Grant> grants) {

    public Grants {
        grants = List.copyOf(grants);
    }

    public static Grants of(@Nullable Authentication authentication) {
        return authentication == null ? new Grants(List.of()) : of(authentication.getRoles());
    }

    static Grants of(Collection<String> roles) {
        return new Grants(roles.stream().map(Grant::tryParse).flatMap(Optional::stream).toList());
    }

    public boolean allows(String namespace, Role needed) {
        return grants.stream().anyMatch(grant -> grant.allows(namespace, needed));
    }

    /** Whether the role is held in at least one namespace. */
    public boolean allowsSomewhere(Role needed) {
        return grants.stream().anyMatch(grant -> grant.role().includes(needed));
    }

    /** The role held in a namespace, if any, counting grants for every namespace. */
    public Optional<Role> roleIn(String namespace) {
        return grants.stream()
                .filter(grant -> grant.namespace().equals(Grant.EVERY_NAMESPACE) || grant.namespace().equals(namespace))
                .map(Grant::role).max(Enum::compareTo);
    }

    /** The highest role per namespace as the page reads it: {@code {"mesh-demo": "operator", "*": "viewer"}}. */
    public Map<String, String> byNamespace() {
        Map<String, String> roles = new TreeMap<>();
        grants.forEach(grant -> roles.merge(grant.namespace(), grant.role().label(),
                (a, b) -> Role.parse(a).includes(Role.parse(b)) ? a : b));
        return roles;
    }

    public List<String> asRoles() {
        return grants.stream().map(Grant::toString).toList();
    }
}
