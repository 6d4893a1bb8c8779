package demo.mesh.console.security;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.security.oauth2.configuration.OauthClientConfiguration;

import java.util.List;

/**
 * Stops the console at start-up when {@code mesh-console.auth.required} is on and nobody can sign in: no local user
 * and no OpenID Connect provider. In a cluster such a console would run, show the routes and let nobody shift them;
 * the fix belongs in the Secret, never in a default password shipped with the image.
 */
@Context
class CredentialsCheck {

    CredentialsCheck(AuthConfiguration configuration, LocalUsers users, List<OauthClientConfiguration> providers) {
        if (!configuration.required() || !users.isEmpty() || !providers.isEmpty()) {
            return;
        }
        throw new ConfigurationException("The console runs in a cluster (Micronaut environment k8s) and nobody can "
                + "sign in: no users file (" + AuthConfiguration.PREFIX + ".users-file), no single user ("
                + AuthConfiguration.PREFIX + ".username and .password) and no OpenID Connect provider "
                + "(micronaut.security.oauth2.clients). k8s/mesh-console.yaml mounts key users of Secret "
                + "mesh-console-auth as the users file; scripts/deploy.sh creates that Secret, or make a line with "
                + "java -cp mesh-console.jar " + HashPassword.class.getName() + " admin '*:operator' > users and run "
                + "kubectl -n mesh-demo create secret generic mesh-console-auth --from-file=users");
    }
}
