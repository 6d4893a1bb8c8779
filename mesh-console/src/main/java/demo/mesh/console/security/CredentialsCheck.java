package demo.mesh.console.security;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;

import java.util.ArrayList;
import java.util.List;

/**
 * Stops the console at start-up when {@code mesh-console.auth.required} is on and the user or password is missing.
 * In a cluster a console without them would run, show the routes and let nobody shift them; the fix belongs in the
 * Secret, never in a default password shipped with the image.
 */
@Context
class CredentialsCheck {

    CredentialsCheck(AuthConfiguration configuration) {
        if (!configuration.required() || configuration.hasCredentials()) {
            return;
        }
        List<String> missing = new ArrayList<>();
        if (configuration.username() == null || configuration.username().isBlank()) {
            missing.add(AuthConfiguration.PREFIX + ".username");
        }
        if (configuration.password() == null || configuration.password().isEmpty()) {
            missing.add(AuthConfiguration.PREFIX + ".password");
        }
        throw new ConfigurationException("The console runs in a cluster (Micronaut environment k8s) without a "
                + "sign-in (" + String.join(" and ", missing) + " not set). Set env vars MESH_CONSOLE_AUTH_USERNAME "
                + "and MESH_CONSOLE_AUTH_PASSWORD: k8s/mesh-console.yaml reads them from keys username and password "
                + "of Secret mesh-console-auth in the console's namespace. scripts/deploy.sh creates that Secret, or: "
                + "kubectl -n mesh-demo create secret generic mesh-console-auth --from-literal=username=admin "
                + "--from-literal=password=\"$(openssl rand -base64 18)\"");
    }
}
