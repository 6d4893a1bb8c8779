package demo.mesh.console.health;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.scheduling.ScheduledExecutorTaskScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The embedded source against Micrometer's own Prometheus text on a loopback port, with access-app's meter: a timer
 * per answering version and outcome, each registered on the first attempt that has them, so most series are born
 * between two scrapes with counts already in them. The source must count those from zero, as a counter starts, and
 * read exactly the attempts the registry counted.
 */
class EmbeddedReadsEveryAttemptTest {

    private static final Duration INTERVAL = Duration.ofMillis(100);
    private static final HealthQuery QUERY = new HealthQuery("mesh-demo", "logic-app", List.of("v1", "v2"),
            Duration.ofMinutes(2));

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private HttpServer server;
    private EmbeddedMetrics embedded;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/prometheus", exchange -> {
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        URI target = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/prometheus");
        embedded = new EmbeddedMetrics(new MetricsConfiguration("embedded", URI.create("http://127.0.0.1:9"),
                Duration.ofSeconds(5), null, null, null, null, List.of(target), INTERVAL, Duration.ofMinutes(10)),
                new ScheduledExecutorTaskScheduler(scheduler), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        embedded.close();
        scheduler.shutdownNow();
        server.stop(0);
    }

    @Test
    void seriesBornBetweenScrapesAreCountedFromZero() throws InterruptedException {
        // The first read sees no attempt series at all, as on an access-app that has not called logic-app yet.
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> embedded.health(QUERY) != null);

        for (int burst = 1; burst <= 6; burst++) {
            record(5, "v1", "OK");
            record(4, "v2", "OK");
            if (burst >= 2) {
                record(1, "v2", "UNAVAILABLE");
            }
            if (burst >= 4) {
                record(1, "v2", "DEADLINE_EXCEEDED");
                record(1, "none", "UNAVAILABLE");
            }
            Thread.sleep(INTERVAL.multipliedBy(3).toMillis());
        }

        long v1 = counted("v1");
        long v2 = counted("v2");
        assertThat(v2).as("24 OK, 5 UNAVAILABLE, 3 DEADLINE_EXCEEDED").isEqualTo(32);
        RouteHealth read = await().atMost(Duration.ofSeconds(10)).until(() -> embedded.health(QUERY),
                health -> health.of("v1").calls() + health.of("v2").calls() >= v1 + v2);
        assertThat(read.of("v1").calls()).isEqualTo(v1);
        assertThat(read.of("v2").calls()).isEqualTo(v2);
        assertThat(read.of("v2").errors()).as("UNAVAILABLE and DEADLINE_EXCEEDED from their first").isEqualTo(8);
        assertThat(read.versions()).containsOnlyKeys("v1", "v2");
    }

    /** {@code attempts} attempts answered by {@code version}, on a timer registered as access-app registers it. */
    private void record(int attempts, String version, String outcome) {
        Timer timer = Timer.builder("logic.attempts")
                .tag("version", version)
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        for (int i = 0; i < attempts; i++) {
            timer.record(Duration.ofMillis(3));
        }
    }

    /** What the registry itself counted for {@code version}, over every outcome. */
    private long counted(String version) {
        return registry.find("logic.attempts").tag("version", version).timers().stream()
                .mapToLong(Timer::count).sum();
    }
}
