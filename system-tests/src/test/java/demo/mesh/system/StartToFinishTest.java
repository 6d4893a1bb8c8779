package demo.mesh.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import demo.mesh.testsupport.AppProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged logic-app-v1, logic-app-v2 and access-app as real processes on loopback, as the README's run command
 * starts them: an access-app pointed at each release answers from that release.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StartToFinishTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<AppProcess> apps = new ArrayList<>();
    private AppProcess accessToV1;
    private AppProcess accessToV2;

    @BeforeAll
    void startEverything() throws Exception {
        Map<String, AppProcess> logic = SideBySide.start(Map.of(
                "v1", () -> AppProcess.start("logic-app-v1", "logic-app-v1", Map.of()),
                "v2", () -> AppProcess.start("logic-app-v2", "logic-app-v2", Map.of())));
        apps.add(logic.get("v1"));
        apps.add(logic.get("v2"));
        Map<String, AppProcess> access = SideBySide.start(Map.of(
                "v1", () -> AppProcess.start("access-app-to-v1", "access-app",
                        Map.of("grpc.channels.logic-app.target", "dns:///127.0.0.1:" + logic.get("v1").grpcPort())),
                "v2", () -> AppProcess.start("access-app-to-v2", "access-app",
                        Map.of("grpc.channels.logic-app.target", "dns:///127.0.0.1:" + logic.get("v2").grpcPort()))));
        accessToV1 = access.get("v1");
        accessToV2 = access.get("v2");
        apps.add(accessToV1);
        apps.add(accessToV2);
    }

    @AfterAll
    void stopEverything() throws InterruptedException {
        SideBySide.close(apps);
    }

    @Test
    void accessPointedAtV1AnswersFromV1() throws Exception {
        JsonNode reply = hello(accessToV1, "alice");

        assertThat(reply.get("version").asText()).isEqualTo("v1");
        assertThat(reply.get("message").asText()).isEqualTo("Hello, alice!");
        assertThat(reply.get("instance").asText()).isNotBlank();
    }

    @Test
    void accessPointedAtV2AnswersFromV2WithARating() throws Exception {
        JsonNode reply = hello(accessToV2, "alice");

        assertThat(reply.get("version").asText()).isEqualTo("v2");
        assertThat(reply.get("message").asText()).startsWith("Hello, alice! ").contains("★");
        assertThat(reply.get("stars").asInt()).isBetween(1, 5);
    }

    @Test
    void invalidNameIsA400WithTheLogicAppsReason() throws Exception {
        HttpResponse<String> response = accessToV1.get("/api/hello?name=" + "x".repeat(65));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("detail").asText()).contains("at most 64 characters");
    }

    @Test
    void everyAppLogsWhatItIsAndWhereItListens() throws Exception {
        assertThat(apps.get(0).log()).contains("logic-app v1").contains("gRPC port");
        assertThat(apps.get(1).log()).contains("logic-app v2").contains("gRPC port");
        assertThat(accessToV1.log()).contains("access-app");
    }

    private static JsonNode hello(AppProcess access, String name) throws Exception {
        HttpResponse<String> response = access.get("/api/hello?name=" + name);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
