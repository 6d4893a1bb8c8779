package demo.mesh.console.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.util.List;

/**
 * Where people who sign in with OpenID Connect get their roles. Two sources, added together: entries of the groups
 * claim written as grants ({@code mesh-demo:operator}), and this table, each entry {@code group:NAME=GRANT} or
 * {@code user:NAME=GRANT} ({@code group:sre=*:operator}, {@code user:alice@example.com=mesh-demo:viewer}), for
 * providers whose groups have other names. A person matched by neither signs in with no role: reading only, if
 * reads are open.
 *
 * @param groupsClaim the ID-token claim that lists the person's groups
 * @param grants      the table, by group or by person (the name the console shows, see {@link PersonOpenIdMapper})
 */
@ConfigurationProperties(OidcRolesConfiguration.PREFIX)
public record OidcRolesConfiguration(
        @Bindable(defaultValue = "groups") String groupsClaim,
        @Bindable(defaultValue = "") List<String> grants) {

    public static final String PREFIX = "mesh-console.auth.oidc";
}
