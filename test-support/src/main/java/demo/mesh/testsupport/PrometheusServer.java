package demo.mesh.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * A real Prometheus server (Debian's {@code prometheus} package) on a free loopback port, scraping the given
 * endpoints every second into a scratch TSDB folder that {@link #close()} deletes with the process. Prometheus is
 * part of CI: when the binary is missing, {@link #requirePrometheus()} fails the test there (CI=true) and skips it
 * elsewhere, saying how to install it.
 */
public final class PrometheusServer implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/bin/prometheus");
    private static final Duration START = Duration.ofSeconds(30);

    private final Process process;
    private final Path folder;
    private final URI url;

    private PrometheusServer(Process process, Path folder, URI url) {
        this.process = process;
        this.folder = folder;
        this.url = url;
    }

    /** Call before {@link #start}; skips the test (fails it in CI) when Prometheus is not installed. */
    public static void requirePrometheus() {
        if (!Files.isExecutable(BINARY)) {
            Ci.skipOrFailInCi("Prometheus is needed at " + BINARY + " (apt-get install -y prometheus)");
        }
    }

    /** Starts Prometheus scraping each of {@code targets} (full URLs of metrics endpoints) every second; awaits it ready. */
    public static PrometheusServer start(List<URI> targets) throws IOException {
        Path folder = Files.createTempDirectory("mesh-console-prometheus");
        Path config = folder.resolve("prometheus.yml");
        Files.writeString(config, config(targets));
        int port = FreePort.belowEphemeralRange();
        Process process = new ProcessBuilder(BINARY.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + folder.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(folder.resolve("prometheus.log").toFile()).start();
        PrometheusServer server = new PrometheusServer(process, folder, URI.create("http://127.0.0.1:" + port));
        try {
            await().atMost(START).pollInterval(Duration.ofMillis(100))
                    .until(() -> !process.isAlive() || server.answers("/-/ready"));
            if (!process.isAlive()) {
                throw new IllegalStateException("Prometheus exited: " + server.log());
            }
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    public URI url() {
        return url;
    }

    /** Prometheus's own log, for failure messages. */
    public String log() {
        try {
            return Files.readString(folder.resolve("prometheus.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A scratch folder left in the temp directory is no reason to fail a test.
        }
    }

    private boolean answers(String path) {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(url.resolve(path)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String config(List<URI> targets) {
        StringBuilder yaml = new StringBuilder("global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n"
                + "  evaluation_interval: 1s\nscrape_configs:\n");
        for (int i = 0; i < targets.size(); i++) {
            URI target = targets.get(i);
            yaml.append("  - job_name: target-").append(i).append('\n')
                    .append("    metrics_path: ").append(target.getPath()).append('\n')
                    .append("    static_configs:\n      - targets: ['").append(target.getAuthority()).append("']\n");
        }
        return yaml.toString();
    }
}
