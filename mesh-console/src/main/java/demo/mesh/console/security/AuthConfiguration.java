package demo.mesh.console.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Who may sign in, and whether reading needs it. There are no default credentials: without
 * {@code MESH_CONSOLE_AUTH_USERNAME} and {@code MESH_CONSOLE_AUTH_PASSWORD} nobody can sign in, so nobody can write.
 *
 * @param username  the console user (in the cluster: key {@code username} of Secret {@code mesh-console-auth})
 * @param password  that user's password (key {@code password} of the same Secret)
 * @param openReads whether reading routes, history and events works without signing in
 * @param required  whether the console refuses to start without a user and password; on in the cluster
 *                  ({@code application-k8s.yml}), where a console nobody can sign in to is a deployment mistake
 */
@ConfigurationProperties(AuthConfiguration.PREFIX)
public record AuthConfiguration(
        @Nullable String username,
        @Nullable String password,
        @Bindable(defaultValue = "true") boolean openReads,
        @Bindable(defaultValue = "false") boolean required) {

    public static final String PREFIX = "mesh-console.auth";

    public boolean hasCredentials() {
        return username != null && !username.isBlank() && password != null && !password.isEmpty();
    }
}
