package demo.mesh.xds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ProxylessRoutingTest shows grpc-xds accepts the bootstrap; this pins what is in it. */
class XdsBootstrapTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void pointsAtTheXdsServerInPlainTextWithTheNodeId() throws IOException {
        JsonNode bootstrap = JSON.readTree(XdsBootstrap.local(XdsBootstrap.DEFAULT_PORT, "access-app").toJson());

        JsonNode server = bootstrap.path("xds_servers").get(0);
        assertThat(server.path("server_uri").asText()).isEqualTo("127.0.0.1:18000");
        assertThat(server.path("channel_creds").get(0).path("type").asText()).isEqualTo("insecure");
        assertThat(server.path("server_features").get(0).asText()).isEqualTo("xds_v3");
        assertThat(bootstrap.path("node").path("id").asText()).isEqualTo("access-app");
    }

    @Test
    void writesAFileForGrpcXdsBootstrap(@TempDir Path dir) throws IOException {
        Path file = new XdsBootstrap("127.0.0.1:18000", "access-app").writeTo(dir.resolve("bootstrap.json"));

        assertThat(JSON.readTree(Files.readString(file)).path("node").path("id").asText()).isEqualTo("access-app");
    }

    @Test
    void mainPrintsTheBootstrapTheScriptsHandToAccessApp() throws IOException {
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            XdsBootstrap.main(new String[] {"127.0.0.1:18000", "access-app"});
        } finally {
            System.setOut(out);
        }

        assertThat(JSON.readTree(printed.toString(StandardCharsets.UTF_8)))
                .isEqualTo(JSON.readTree(XdsBootstrap.local(18000, "access-app").toJson()));
    }

    @Test
    void addressWithoutPortIsRefused() {
        assertThatThrownBy(() -> new XdsBootstrap("127.0.0.1", "access-app"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'127.0.0.1' is not HOST:PORT");
    }
}
