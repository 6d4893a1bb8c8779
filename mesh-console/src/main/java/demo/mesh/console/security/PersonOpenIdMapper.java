package demo.mesh.console.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.security.config.AuthenticationModeConfiguration;
import io.micronaut.security.oauth2.configuration.OpenIdAdditionalClaimsConfiguration;
import io.micronaut.security.oauth2.endpoint.token.response.DefaultOpenIdAuthenticationMapper;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdClaims;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdTokenResponse;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * Turns an OpenID Connect sign-in into the console's person: named by {@code preferred_username}, else
 * {@code email}, else the subject (Micronaut's default, an opaque id that history and Events should not show),
 * with the grants {@link OidcGrantTable} gives them.
 */
@Singleton
@Replaces(DefaultOpenIdAuthenticationMapper.class)
public class PersonOpenIdMapper extends DefaultOpenIdAuthenticationMapper {

    private final OidcRolesConfiguration configuration;
    private final OidcGrantTable table;

    public PersonOpenIdMapper(OpenIdAdditionalClaimsConfiguration additionalClaims,
                              AuthenticationModeConfiguration authenticationMode,
                              OidcRolesConfiguration configuration, OidcGrantTable table) {
        super(additionalClaims, authenticationMode);
        this.configuration = configuration;
        this.table = table;
    }

    @Override
    protected String getUsername(String providerName, OpenIdTokenResponse tokenResponse, OpenIdClaims claims) {
        return Stream.of(claims.getPreferredUsername(), claims.getEmail(), claims.getSubject())
                .filter(name -> name != null && !name.isBlank())
                .findFirst().orElseThrow();
    }

    @Override
    protected List<String> getRoles(String providerName, OpenIdTokenResponse tokenResponse, OpenIdClaims claims) {
        return table.grantsFor(getUsername(providerName, tokenResponse, claims), groups(claims)).asRoles();
    }

    private List<String> groups(OpenIdClaims claims) {
        Object groups = claims.getClaims().get(configuration.groupsClaim());
        if (groups instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return groups == null ? List.of() : List.of(String.valueOf(groups));
    }
}
