package demo.mesh.console.local;

import demo.mesh.xds.XdsServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Local mode refuses to start on files it cannot serve, and says which file and what to do. */
class LocalStartupTest {

    @Test
    void defaultRoutingFilesAreLookedForInTheWorkingDirectory() {
        // Tests run in mesh-console/, not in the repository root where the defaults are.
        assertThatThrownBy(() -> start(Map.of("mesh-console.mode", "local", "mesh-console.local.xds-port", "0")))
                .hasStackTraceContaining("mesh-console.local.routing-files: istio/destination-rule-logic-app.yaml not found")
                .hasStackTraceContaining("start the console from the repository root or set MESH_CONSOLE_LOCAL_ROUTING_FILES");
    }

    @Test
    void missingRoutingFileStopsTheStartUp() {
        LocalSettings settings = LocalSettings.shippedRouting()
                .withRoutingFiles(LocalSettings.shipped("istio/destination-rule-logic-app.yaml"),
                        LocalSettings.shipped("istio/virtual-service-logic-app-95-5.yaml"));

        assertThatThrownBy(() -> start(settings.properties()))
                .hasStackTraceContaining("mesh-console.local.routing-files: " + LocalSettings.shipped("istio/virtual-service-logic-app-95-5.yaml") + " not found");
    }

    @Test
    void missingEndpointsFileStopsTheStartUp() {
        Path missing = Path.of("no-such-endpoints.yaml");

        assertThatThrownBy(() -> start(LocalSettings.shippedRouting().withEndpointsFile(missing).properties()))
                .hasStackTraceContaining("mesh-console.local.endpoints-file: no-such-endpoints.yaml not found")
                .hasStackTraceContaining("MESH_CONSOLE_LOCAL_ENDPOINTS_FILE");
    }

    @Test
    void stateFileThatCannotBeServedStopsTheStartUpAndSaysHowToStartAfresh() throws IOException {
        LocalSettings settings = LocalSettings.shippedRouting();
        String rule = Files.readString(LocalSettings.shipped("istio/destination-rule-logic-app.yaml"));
        String split = Files.readString(LocalSettings.shipped("istio/virtual-service-logic-app-90-10.yaml"));
        Files.writeString(settings.stateFile(), rule + "---\n" + split.replace("weight: 10", "weight: 20"));

        assertThatThrownBy(() -> start(settings.properties()))
                .hasStackTraceContaining("local mode cannot serve " + settings.stateFile() + " (the last split; delete it to start again from")
                .hasStackTraceContaining("spec.http[1].route: weights add up to 110, not 100 (v1=90 v2=20)");
    }

    @Test
    void takenXdsPortStopsTheStartUp() throws IOException {
        try (XdsServer other = XdsServer.start(0)) {
            Map<String, String> properties = new HashMap<>(LocalSettings.shippedRouting().properties());
            properties.put("mesh-console.local.xds-port", Integer.toString(other.port()));

            assertThatThrownBy(() -> start(properties))
                    .hasStackTraceContaining("xDS server cannot listen on 127.0.0.1:" + other.port())
                    .hasStackTraceContaining("set MESH_CONSOLE_LOCAL_XDS_PORT");
        }
    }

    private static void start(Map<String, String> properties) {
        ApplicationContext.run(EmbeddedServer.class, new HashMap<>(properties), "test").close();
    }
}
