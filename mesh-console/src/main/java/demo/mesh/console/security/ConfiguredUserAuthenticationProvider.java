package demo.mesh.console.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestAuthenticationProvider;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Signs in the one user named in {@link AuthConfiguration}. */
@Singleton
public class ConfiguredUserAuthenticationProvider<B> implements HttpRequestAuthenticationProvider<B> {

    private final AuthConfiguration configuration;

    public ConfiguredUserAuthenticationProvider(AuthConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public AuthenticationResponse authenticate(@Nullable HttpRequest<B> request,
                                               AuthenticationRequest<String, String> authenticationRequest) {
        if (!configuration.hasCredentials()) {
            return AuthenticationResponse.failure(AuthenticationFailureReason.USER_DISABLED);
        }
        // Compare both in constant time so the response time does not tell which one was wrong.
        boolean userMatches = same(configuration.username(), authenticationRequest.getIdentity());
        boolean passwordMatches = same(configuration.password(), authenticationRequest.getSecret());
        return userMatches && passwordMatches
                ? AuthenticationResponse.success(configuration.username())
                : AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
    }

    private static boolean same(String expected, @Nullable String given) {
        return given != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
