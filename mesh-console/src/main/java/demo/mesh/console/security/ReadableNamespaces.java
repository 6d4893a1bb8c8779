package demo.mesh.console.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;

/**
 * Which namespaces a person may read in the lists that span namespaces ({@code GET /api/routes}, the event stream).
 * A request for one namespace is checked by {@link NamespaceRoleRule}; a list has no namespace in its path, so it is
 * narrowed here instead: with reads open everyone sees everything, with reads closed a person sees the namespaces
 * they hold a role in, and nothing of the others, not even that they exist.
 */
@Singleton
public class ReadableNamespaces {

    private final boolean openReads;

    public ReadableNamespaces(AuthConfiguration configuration) {
        this.openReads = configuration.openReads();
    }

    public boolean readable(String namespace, @Nullable Authentication person) {
        return openReads || person != null && Grants.of(person).allows(namespace, Role.VIEWER);
    }
}
