package demo.mesh.console.kubernetes;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * How the console reaches the Kubernetes API. By default it uses the in-cluster ServiceAccount or the local
 * kubeconfig, as kubectl would.
 *
 * @param apiUrl         overrides the API server URL (env {@code MESH_CONSOLE_KUBERNETES_API_URL})
 * @param requestTimeout how long one API call may take before the console answers 503
 */
@ConfigurationProperties(KubernetesModeConfiguration.PREFIX)
public record KubernetesModeConfiguration(
        @Nullable String apiUrl,
        @Bindable(defaultValue = "10s") Duration requestTimeout) {

    public static final String PREFIX = "mesh-console.kubernetes";
}
