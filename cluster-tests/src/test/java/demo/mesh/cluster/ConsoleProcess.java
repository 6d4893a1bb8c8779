package demo.mesh.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The packaged console ({@code mesh-console/target/mesh-console-<version>.jar}) as a real process, configured only
 * through its environment as its Deployment configures it, with its output in
 * {@code cluster-tests/target/process-logs/mesh-console.log}.
 */
final class ConsoleProcess implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final URI uri;
    private final Path log;

    private ConsoleProcess(Process process, URI uri, Path log) {
        this.process = process;
        this.uri = uri;
        this.log = log;
    }

    /** Starts the console with {@code environment} on a free port and waits until it is ready. */
    static ConsoleProcess start(Map<String, String> environment) {
        Path jar = Project.built("mesh-console", "target/mesh-console-" + Project.VERSION + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the cluster tests through Maven with -am "
                    + "(./mvnw -pl cluster-tests -am verify -Pk3s), which packages the console first");
        }
        Path log = Project.target("process-logs/mesh-console.log");
        try {
            Files.createDirectories(log.getParent());
            int port = freePort();
            ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-Xmx256m", "-jar", jar.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            // Outside a pod: without these, Micronaut and fabric8 would take a surrounding cluster for theirs.
            builder.environment().keySet().removeAll(List.of("KUBERNETES_SERVICE_HOST", "KUBERNETES_SERVICE_PORT"));
            builder.environment().putAll(environment);
            builder.environment().put("MICRONAUT_SERVER_PORT", String.valueOf(port));
            ConsoleProcess console = new ConsoleProcess(builder.start(), URI.create("http://localhost:" + port), log);
            try {
                console.awaitReady();
            } catch (RuntimeException e) {
                console.process.destroyForcibly();
                throw e;
            }
            return console;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + jar, e);
        }
    }

    URI uri() {
        return uri;
    }

    private void awaitReady() {
        await("mesh-console ready at " + uri).atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(250))
                .failFast("mesh-console exited early, see " + log, () -> !process.isAlive())
                .ignoreExceptions()
                .until(() -> HTTP.send(HttpRequest.newBuilder(uri.resolve("/health/readiness"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200);
    }

    /** SIGTERM, as Kubernetes sends, then a hard kill if the console has not stopped in time. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
