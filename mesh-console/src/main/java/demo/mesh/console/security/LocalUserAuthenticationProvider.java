package demo.mesh.console.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestExecutorAuthenticationProvider;
import jakarta.inject.Singleton;

/**
 * Signs in the {@link LocalUsers} at {@code POST /login}. On the blocking executor (the interface's default), since a
 * bcrypt check takes a good part of a second and must not hold an event loop.
 */
@Singleton
public class LocalUserAuthenticationProvider<B> implements HttpRequestExecutorAuthenticationProvider<B> {

    private final LocalUsers users;
    private final PasswordHashes hashes;

    public LocalUserAuthenticationProvider(LocalUsers users, PasswordHashes hashes) {
        this.users = users;
        this.hashes = hashes;
    }

    @Override
    public AuthenticationResponse authenticate(@Nullable HttpRequest<B> request,
                                               AuthenticationRequest<String, String> authenticationRequest) {
        String name = authenticationRequest.getIdentity();
        String password = authenticationRequest.getSecret() == null ? "" : authenticationRequest.getSecret();
        // Unknown names cost a check too, so the time of the answer does not tell which names exist.
        boolean matches = users.find(name)
                .map(user -> hashes.matches(password, user.passwordHash()))
                .orElseGet(() -> hashes.matchesNobody(password));
        if (!matches) {
            return AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
        }
        LocalUser user = users.find(name).orElseThrow();
        return AuthenticationResponse.success(user.name(), new Grants(user.grants()).asRoles());
    }
}
