package demo.mesh.console.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import io.micronaut.security.authentication.WwwAuthenticateChallengeProvider;
import io.micronaut.security.config.RedirectConfiguration;
import io.micronaut.security.config.RedirectService;
import io.micronaut.security.errors.PriorToLoginPersistence;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Micronaut's answer to a refused request, with one change: a 403 from {@link NamespaceRoleRule} carries its
 * sentence (which role, which namespace) in the API's error body instead of a bare "Forbidden".
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
public class RoleRefusalHandler extends DefaultAuthorizationExceptionHandler {

    private final ErrorResponseProcessor<?> errorResponseProcessor;

    public RoleRefusalHandler(ErrorResponseProcessor<?> errorResponseProcessor,
                              RedirectConfiguration redirectConfiguration,
                              RedirectService redirectService,
                              List<WwwAuthenticateChallengeProvider<HttpRequest<?>>> challengeProviders,
                              @Nullable PriorToLoginPersistence priorToLoginPersistence) {
        super(errorResponseProcessor, redirectConfiguration, redirectService, challengeProviders,
                priorToLoginPersistence);
        this.errorResponseProcessor = errorResponseProcessor;
    }

    @Override
    protected MutableHttpResponse<?> httpResponseWithStatus(HttpRequest<?> request, AuthorizationException exception) {
        return request.getAttribute(NamespaceRoleRule.REFUSAL, String.class)
                .filter(refusal -> exception.isForbidden())
                .<MutableHttpResponse<?>>map(refusal -> errorResponseProcessor.processResponse(
                        ErrorContext.builder(request).cause(exception).errorMessage(refusal).build(),
                        HttpResponse.status(HttpStatus.FORBIDDEN)))
                .orElseGet(() -> super.httpResponseWithStatus(request, exception));
    }
}
