package demo.mesh.console.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.oauth2.configuration.OauthClientConfiguration;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/session}: who is signed in, with which role in which namespace, and which OpenID Connect
 * providers can sign people in, so the page offers sign-in and only the controls the person may use.
 */
@Controller(SessionController.PATH)
@Secured(SecurityRule.IS_ANONYMOUS)
public class SessionController {

    static final String PATH = "/api/session";

    private final AuthConfiguration configuration;
    private final List<Provider> providers;

    public SessionController(AuthConfiguration configuration, List<OauthClientConfiguration> clients) {
        this.configuration = configuration;
        // Relative, like every path the page uses: behind the gateway the console lives under a prefix.
        this.providers = clients.stream().filter(OauthClientConfiguration::isEnabled)
                .map(client -> new Provider(client.getName(), "oauth/login/" + client.getName())).toList();
    }

    @Get
    public Session session(@Nullable Authentication authentication) {
        return new Session(authentication != null ? authentication.getName() : null, configuration.openReads(),
                Grants.of(authentication).byNamespace(), providers);
    }

    /**
     * {@code user} is null when nobody is signed in; {@code roles} maps namespace ({@code *}: every namespace) to
     * {@code viewer} or {@code operator}.
     */
    @Serdeable
    public record Session(@Nullable String user, boolean openReads, Map<String, String> roles,
                          List<Provider> signInWith) {
    }

    /** An OpenID Connect provider; the page links to {@code path} to sign in with it. */
    @Serdeable
    public record Provider(String name, String path) {
    }
}
