package demo.mesh.manifests;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster scripts' logic that runs without a cluster, as the build runs it: the bash tests in
 * {@code src/test/scripts} (each {@code test_*} function in its own subshell), and {@code scripts/load.sh} against a
 * real HTTP server on loopback that answers like access-app.
 */
class ScriptsTest {

    private static final long TIMEOUT_SECONDS = 120;

    @ParameterizedTest
    @ValueSource(strings = {"lib_test.sh", "cluster_up_test.sh"})
    void bashTestsPass(String file) throws Exception {
        Path script = ProjectFiles.root().resolve("manifest-tests/src/test/scripts").resolve(file);

        Run run = run(List.of("bash", script.toString()));

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains(" tests, 0 failed");
    }

    @Test
    void loadCountsTheAnswersOfEachVersionAndTheErrors() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        HttpServer accessApp = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        accessApp.createContext("/api/hello", exchange -> {
            int call = calls.incrementAndGet();
            // Of every 10 calls: 7 from v1, 2 from v2, 1 error, as a 70/20 split with a failing instance would answer.
            String body = call % 10 == 0 ? "{\"error\":\"unavailable\",\"detail\":\"no healthy upstream\"}"
                    : call % 10 <= 7 ? "{\"message\":\"Hello!\",\"version\":\"v1\"}" : "{\"message\":\"Hello!\",\"version\":\"v2\"}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(call % 10 == 0 ? 503 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        accessApp.start();
        try {
            String url = "http://127.0.0.1:" + accessApp.getAddress().getPort();

            Run run = run(List.of("bash", ProjectFiles.root().resolve("scripts/load.sh").toString(), "-n", "20", "--url", url));

            assertThat(run.exit()).as(run.output()).isZero();
            assertThat(calls.get()).isEqualTo(20);
            assertThat(run.output().replaceAll(" +", " ")).as(run.output()).containsSubsequence(
                    "Answers by logic-app version",
                    " error: unavailable 2 10.0%\n",
                    " v1 14 70.0%\n",
                    " v2 4 20.0%\n");
        } finally {
            accessApp.stop(0);
        }
    }

    @Test
    void loadRefusesACountOutOfRangeBeforeSendingAnything() throws Exception {
        Run run = run(List.of("bash", ProjectFiles.root().resolve("scripts/load.sh").toString(), "-n", "0", "--url",
                "http://127.0.0.1:9"));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.output()).contains("-n must be a number from 1 to 10000, got '0'");
    }

    private static Run run(List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("script", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("PROJECT_ROOT", ProjectFiles.root().toString());
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish within " + TIMEOUT_SECONDS + " s:\n" + Files.readString(log));
            }
            return new Run(process.exitValue(), Files.readString(log));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private record Run(int exit, String output) {
    }
}
