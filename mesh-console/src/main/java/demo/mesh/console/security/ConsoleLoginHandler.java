package demo.mesh.console.security;

import demo.mesh.error.ApiError;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.security.authentication.AuthenticationFailed;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.config.RedirectConfiguration;
import io.micronaut.security.config.RedirectService;
import io.micronaut.security.errors.PriorToLoginPersistence;
import io.micronaut.security.token.cookie.AccessTokenCookieConfiguration;
import io.micronaut.security.token.cookie.LoginCookieProvider;
import io.micronaut.security.token.cookie.RefreshTokenCookieConfiguration;
import io.micronaut.security.token.cookie.TokenCookieLoginHandler;
import io.micronaut.security.token.generator.AccessRefreshTokenGenerator;
import io.micronaut.security.token.generator.AccessTokenConfiguration;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.List;

/**
 * Micronaut's cookie sign-in (a signed token in an HttpOnly cookie, the CSRF cookie beside it) with the two answers
 * the console needs: a failed {@code POST /login} says why in the API's JSON error shape, and the end of an OpenID
 * Connect sign-in sends the browser back to the page. {@code POST /login} itself still answers 200, which the page's
 * fetch reads, not a redirect.
 */
@Singleton
@Replaces(TokenCookieLoginHandler.class)
public class ConsoleLoginHandler extends TokenCookieLoginHandler {

    /** Micronaut's OAuth 2.0 callback, {@code /oauth/callback/{provider}}. */
    private static final String CALLBACK = "/oauth/callback/";

    public ConsoleLoginHandler(RedirectService redirectService,
                               RedirectConfiguration redirectConfiguration,
                               AccessTokenCookieConfiguration accessTokenCookieConfiguration,
                               RefreshTokenCookieConfiguration refreshTokenCookieConfiguration,
                               AccessTokenConfiguration accessTokenConfiguration,
                               AccessRefreshTokenGenerator accessRefreshTokenGenerator,
                               @Nullable PriorToLoginPersistence<HttpRequest<?>, MutableHttpResponse<?>> priorToLoginPersistence,
                               List<LoginCookieProvider<HttpRequest<?>>> loginCookieProviders) {
        super(redirectService, redirectConfiguration, accessTokenCookieConfiguration, refreshTokenCookieConfiguration,
                accessTokenConfiguration, accessRefreshTokenGenerator, priorToLoginPersistence, loginCookieProviders);
    }

    @Override
    public MutableHttpResponse<?> loginFailed(AuthenticationResponse failure, HttpRequest<?> request) {
        String reason = failure instanceof AuthenticationFailed failed ? failed.getReason().name() : "";
        String message = switch (reason) {
            case "CREDENTIALS_DO_NOT_MATCH", "USER_NOT_FOUND" -> "wrong user name or password";
            default -> "sign-in failed: " + failure.getMessage().orElse("the identity provider refused it");
        };
        return HttpResponse.<ApiError>status(HttpStatus.UNAUTHORIZED).body(ApiError.of(HttpStatus.UNAUTHORIZED, message, null));
    }

    /**
     * Back to the page after the provider's redirect. Relative ({@code ../../} from {@code /oauth/callback/name}),
     * so that behind a gateway that serves the console under a prefix the browser lands on the prefix, not on {@code /}.
     */
    @Override
    protected MutableHttpResponse<?> createSuccessResponse(HttpRequest<?> request) {
        if (request.getPath().startsWith(CALLBACK)) {
            return HttpResponse.seeOther(URI.create("../../"));
        }
        return super.createSuccessResponse(request);
    }
}
