package demo.mesh.console.local;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import java.nio.file.Path;
import java.util.List;

/**
 * Where local mode finds the routing and keeps its state. Relative paths are resolved against the working
 * directory, which is the repository root when the console is started from there.
 *
 * @param routingFiles  the VirtualService and DestinationRule files served until the first change
 *                      ({@code MESH_CONSOLE_LOCAL_ROUTING_FILES}, comma-separated)
 * @param endpointsFile where each subset answers ({@code MESH_CONSOLE_LOCAL_ENDPOINTS_FILE})
 * @param stateFile     the routing as last changed, served instead of the routing files when it exists, so a
 *                      restart keeps the split ({@code MESH_CONSOLE_LOCAL_STATE_FILE}), with each VirtualService's history
 * @param xdsPort       the loopback port proxyless gRPC clients fetch the routing from; 0 picks a free one
 *                      ({@code MESH_CONSOLE_LOCAL_XDS_PORT})
 */
@ConfigurationProperties(LocalModeConfiguration.PREFIX)
public record LocalModeConfiguration(
        @NotEmpty @Bindable(defaultValue = "istio/destination-rule-logic-app.yaml,istio/virtual-service-logic-app-90-10.yaml")
        List<Path> routingFiles,
        @NotNull @Bindable(defaultValue = "local/endpoints.yaml") Path endpointsFile,
        @NotNull @Bindable(defaultValue = ".local-state/mesh-console-routing.yaml") Path stateFile,
        @Min(0) @Max(65535) @Bindable(defaultValue = "18000") int xdsPort) {

    public static final String PREFIX = "mesh-console.local";
}
