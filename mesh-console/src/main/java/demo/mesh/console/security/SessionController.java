package demo.mesh.console.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;

/** {@code GET /api/session}: who is signed in, so the page knows whether to offer sign-in or editing. */
@Controller("/api/session")
@Secured(SecurityRule.IS_ANONYMOUS)
public class SessionController {

    private final AuthConfiguration configuration;

    public SessionController(AuthConfiguration configuration) {
        this.configuration = configuration;
    }

    @Get
    public Session session(@Nullable Authentication authentication) {
        return new Session(authentication != null ? authentication.getName() : null, configuration.openReads());
    }

    /** {@code user} is null when nobody is signed in. */
    @Serdeable
    public record Session(@Nullable String user, boolean openReads) {
    }
}
