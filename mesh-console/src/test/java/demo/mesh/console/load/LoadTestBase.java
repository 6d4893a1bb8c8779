package demo.mesh.console.load;

import com.fasterxml.jackson.databind.JsonNode;
import demo.mesh.console.KubernetesStandIn;
import demo.mesh.console.StandInTest;
import demo.mesh.testsupport.ConsoleClient;
import demo.mesh.testsupport.ConsoleClient.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console with its load generator aimed at a {@link FakeAccessApp}, both on loopback ports, and the Kubernetes
 * stand-in holding the logic-app VirtualService at 100/0.
 */
abstract class LoadTestBase extends StandInTest {

    /** Long enough for any run a test starts to end by itself, short enough that a stuck one fails the test soon. */
    static final Duration WAIT = Duration.ofSeconds(20);

    protected final FakeAccessApp accessApp = new FakeAccessApp();
    protected ConsoleClient signedIn;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("mesh-console.load.target", accessApp.target().toString());
        properties.put("mesh-console.load.request-timeout", "500ms");
        properties.putAll(loadProperties());
        return properties;
    }

    /** Further {@code mesh-console.load.*} settings a test class needs. */
    protected Map<String, String> loadProperties() {
        return Map.of();
    }

    @BeforeEach
    void resetRoutesAndSignIn() {
        standIn.clear();
        standIn.apply("logic-app.yaml");
        accessApp.answer(n -> FakeAccessApp.Answer.version("v1"));
        signedIn = alice();
    }

    @AfterEach
    void stopLoadAndLetCallsInFlightEnd() {
        signedIn.send("DELETE", "/api/load", null, null, true);
        await().atMost(WAIT).until(() -> {
            JsonNode status = status();
            JsonNode run = status.path("run");
            return !status.path("running").asBoolean() && run.path("completed").asInt() == run.path("sent").asInt();
        });
    }

    @AfterAll
    void stopAccessApp() {
        accessApp.close();
    }

    protected Response startLoad(String json) {
        return signedIn.post("/api/load", json);
    }

    protected JsonNode status() {
        return anonymous().get("/api/load").json();
    }

    /** Waits until the run has stopped by itself and returns the last run's status. */
    protected JsonNode awaitStopped() {
        await().atMost(WAIT).until(() -> !status().path("running").asBoolean());
        return status().path("run");
    }

    protected static void assertAccepted(Response response) {
        assertThat(response.status()).as("start load: %s", response.body()).isEqualTo(200);
    }

    /** Starts a 60 s run at 50/s and waits until a second of its traffic has answers from v1. */
    protected void startLoadAndSeeV1(LoadStreamReader stream) {
        assertAccepted(startLoad("{\"rate\": 50, \"durationSeconds\": 60}"));
        await().atMost(WAIT).until(() -> stream.ofLatestRun("second").stream()
                .anyMatch(second -> second.path("versions").path("v1").asInt() > 0));
    }

    /**
     * A run under way from a 90/10 split (set before the run, so not measured as a shift) with the access-app
     * stand-in answering 9 calls in 10 from v1, and a stream following it from before it started.
     */
    protected LoadStreamReader runningAt90To10() {
        applySplit(90, 10);
        accessApp.answer(n -> FakeAccessApp.Answer.version(n % 10 == 0 ? "v2" : "v1"));
        LoadStreamReader stream = LoadStreamReader.connected(server.getURI());
        try {
            startLoadAndSeeV1(stream);
        } catch (RuntimeException | AssertionError e) {
            stream.close();
            throw e;
        }
        return stream;
    }

    /** Sets the split through the console, as alice, from the version the API server holds now. */
    protected void applySplit(int v1, int v2) {
        String version = standIn.virtualService("logic-app").getMetadata().getResourceVersion();
        String body = "{\"route\":\"logic-app-split\",\"weights\":{\"v1\":" + v1 + ",\"v2\":" + v2
                + "},\"resourceVersion\":\"" + version + "\"}";
        assertThat(signedIn.put("/api/routes/" + KubernetesStandIn.NAMESPACE + "/logic-app", body).status())
                .isEqualTo(200);
    }

    /** The first shift report of the latest run in this state, waited for at most {@link #WAIT}. */
    protected static JsonNode awaitShift(LoadStreamReader stream, String state) {
        await().atMost(WAIT).until(() -> withState(stream.ofLatestRun("shift"), state) != null);
        return withState(stream.ofLatestRun("shift"), state);
    }

    private static JsonNode withState(List<JsonNode> shifts, String state) {
        return shifts.stream().filter(shift -> state.equals(shift.path("state").asText())).findFirst().orElse(null);
    }
}
