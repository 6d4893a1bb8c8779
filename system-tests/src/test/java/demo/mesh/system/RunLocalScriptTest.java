package demo.mesh.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import demo.mesh.testsupport.BinomialCount;
import demo.mesh.testsupport.ConsoleClient;
import demo.mesh.testsupport.ProjectBuild;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's first command, run as a user runs it: {@code ./scripts/run-local.sh} (with {@code --no-build}: the
 * build has just packaged the jars) on the ports the README names, then what its banner tells the user to try, then
 * Ctrl-C (SIGTERM to the script), after which nothing of it may still listen. Only the console's state file is moved
 * to this module's target folder, so a developer's own {@code .local-state/} is left alone.
 *
 * <p>First of the module's classes: on a fresh build the script writes each app's class-data archive as it stops,
 * and the apps the other classes start map them (see AppProcess).
 */
@Order(1)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunLocalScriptTest {

    /** What the script and its banner promise: access-app, the two releases, the console, their gRPC and xDS ports. */
    private static final List<Integer> PORTS = List.of(8080, 8081, 8082, 8090, 9091, 9092, 18000);
    private static final String PASSWORD = "readme-demo";
    private static final int CALLS = 400;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Process script;
    private Path output;

    @BeforeAll
    void runTheReadmeCommand() throws IOException {
        for (int port : PORTS) {
            assertThat(listening(port)).as("port %d is free for the demo (stop a demo already running)", port).isFalse();
        }
        Path scratch = ProjectBuild.root().resolve("system-tests/target/run-local");
        Files.createDirectories(scratch);
        Files.deleteIfExists(scratch.resolve("routing.yaml"));
        output = scratch.resolve("run-local.out");
        ProcessBuilder builder = new ProcessBuilder("bash", "scripts/run-local.sh", "--no-build")
                .directory(ProjectBuild.root().toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("MESH_CONSOLE_AUTH_PASSWORD", PASSWORD);
        builder.environment().put("MESH_CONSOLE_LOCAL_STATE_FILE", scratch.resolve("routing.yaml").toString());
        script = builder.start();
        await("the script's banner, see " + output).atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .failFast("run-local.sh exited early, see " + output, () -> !script.isAlive())
                .until(() -> Files.readString(output).contains("The local mesh is running"));
    }

    @AfterAll
    void stopIt() throws InterruptedException {
        if (script != null && script.isAlive()) {
            script.descendants().forEach(ProcessHandle::destroyForcibly);
            script.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(1)
    void theBannersTryLinesAnswerAsItSays() throws Exception {
        Map<String, Integer> versions = new TreeMap<>();
        for (int i = 0; i < CALLS; i++) {
            versions.merge(hello(Map.of()).path("version").asText(), 1, Integer::sum);
        }
        // The shipped 90/10 split, as the README says the demo starts.
        BinomialCount v2 = BinomialCount.ofWeight(CALLS, 10);
        assertThat(versions.keySet()).containsOnly("v1", "v2");
        assertThat(versions.get("v2")).as("v2 answers of %d at 90/10: %s", CALLS, v2).isBetween(v2.low(), v2.high());
        for (int i = 0; i < 20; i++) {
            assertThat(hello(Map.of("x-canary", "true")).path("version").asText()).as("the canary line").isEqualTo("v2");
        }
    }

    @Test
    @Order(2)
    void theConsoleSignsInWithTheBannersPasswordAndMovesLiveTraffic() throws Exception {
        ConsoleClient console = new ConsoleClient(URI.create("http://localhost:8090/")).signIn("demo", PASSWORD);
        String version = console.route("mesh-demo", "logic-app").json().path("resourceVersion").asText();

        ConsoleClient.Response shifted = console.shift("mesh-demo", "logic-app", "logic-app-split",
                Map.of("v1", 0, "v2", 100), version);

        assertThat(shifted.status()).as(shifted.body()).isEqualTo(200);
        // At 0/100 every call reaches v2 once the split has arrived: wait for the first, then 100 in a row.
        await().atMost(Duration.ofSeconds(30)).until(() -> hello(Map.of()).path("version").asText().equals("v2"));
        for (int i = 0; i < 100; i++) {
            assertThat(hello(Map.of()).path("version").asText()).isEqualTo("v2");
        }
    }

    @Test
    @Order(3)
    void ctrlCStopsEverythingItStarted() throws Exception {
        List<ProcessHandle> started = script.descendants().toList();
        assertThat(started).as("the apps the script started").isNotEmpty();

        script.destroy(); // SIGTERM, which the script handles as Ctrl-C

        assertThat(script.waitFor(60, TimeUnit.SECONDS)).as("the script stopped, see %s", output).isTrue();
        await("every app it started to exit").atMost(Duration.ofSeconds(30))
                .until(() -> started.stream().noneMatch(ProcessHandle::isAlive));
        for (int port : PORTS) {
            assertThat(listening(port)).as("port %d after Ctrl-C", port).isFalse();
        }
    }

    private static JsonNode hello(Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:8080/api/hello?name=readme"))
                .timeout(Duration.ofSeconds(5));
        headers.forEach(request::header);
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
