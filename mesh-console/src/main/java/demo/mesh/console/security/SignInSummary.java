package demo.mesh.console.security;

import io.micronaut.security.oauth2.configuration.OauthClientConfiguration;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/** Says at start-up how people can sign in, so a console nobody can sign in to is noticed in its first log line. */
@Singleton
public class SignInSummary {

    private final String summary;

    public SignInSummary(LocalUsers users, List<OauthClientConfiguration> providers) {
        List<String> ways = new ArrayList<>();
        if (!users.isEmpty()) {
            ways.add(users.count() + " local user(s)");
        }
        providers.forEach(provider -> ways.add("OpenID Connect (" + provider.getName() + ")"));
        this.summary = ways.isEmpty()
                ? "disabled (set MESH_CONSOLE_AUTH_USERS_FILE, or an OpenID Connect provider)"
                : String.join(", ", ways);
    }

    @Override
    public String toString() {
        return summary;
    }
}
