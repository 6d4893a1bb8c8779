package demo.mesh.console.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Who may sign in with a password, and whether reading needs a sign-in. There are no default credentials and no
 * plain passwords: every password is given as its bcrypt hash.
 *
 * @param usersFile the users file, one person a line with their grants (see {@link UsersFile}); in the cluster key
 *                  {@code users} of Secret {@code mesh-console-auth}, mounted as a file
 * @param username  a single user with the operator role in every namespace, the sign-in of earlier releases
 * @param password  that user's password as a bcrypt hash; a plain password stops the start-up
 * @param openReads whether reading routes, history and events works without signing in
 * @param required  whether the console refuses to start when nobody can sign in; on in the cluster
 *                  ({@code application-k8s.yml}), where a console nobody can sign in to is a deployment mistake
 */
@ConfigurationProperties(AuthConfiguration.PREFIX)
public record AuthConfiguration(
        @Nullable String usersFile,
        @Nullable String username,
        @Nullable String password,
        @Bindable(defaultValue = "true") boolean openReads,
        @Bindable(defaultValue = "false") boolean required) {

    public static final String PREFIX = "mesh-console.auth";

    boolean hasUsersFile() {
        return usersFile != null && !usersFile.isBlank();
    }

    boolean hasUsername() {
        return username != null && !username.isBlank();
    }

    boolean hasPassword() {
        return password != null && !password.isEmpty();
    }
}
