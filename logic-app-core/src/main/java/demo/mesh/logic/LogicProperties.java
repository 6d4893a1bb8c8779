package demo.mesh.logic;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.NotBlank;

/**
 * Who this logic-app is. In a cluster both values come from the Kubernetes downward API
 * ({@code LOGIC_VERSION} from the pod's {@code version} label, {@code LOGIC_INSTANCE} from the pod name).
 *
 * @param version  the release name answered to callers, e.g. {@code v1}
 * @param instance the instance name answered to callers; when absent, host name and gRPC port
 */
@ConfigurationProperties(LogicProperties.PREFIX)
public record LogicProperties(@NotBlank String version, @Nullable String instance) {
    public static final String PREFIX = "logic";
}
