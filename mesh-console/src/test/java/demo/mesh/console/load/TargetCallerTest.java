package demo.mesh.console.load;

import com.sun.net.httpserver.HttpServer;
import demo.mesh.testsupport.FreePort;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** How one call ends, against real loopback servers: the failures a load run must count, not crash on. */
class TargetCallerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void aTargetThatIsNotListeningIsAConnectionFailure() throws IOException {
        int closedPort = FreePort.belowEphemeralRange();

        Outcome outcome = callerFor(URI.create("http://127.0.0.1:" + closedPort + "/api/hello?name=console"))
                .call().orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();

        assertThat(outcome.error()).isEqualTo("connection failed");
        assertThat(outcome.version()).isNull();
    }

    @Test
    void aRedirectIsCountedAndNotFollowed() throws IOException {
        AtomicInteger elsewhere = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/hello", exchange -> {
            exchange.getResponseHeaders().set("Location", "/elsewhere");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/elsewhere", exchange -> {
            elsewhere.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            URI target = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/hello?name=console");

            Outcome outcome = callerFor(target).call().join();

            assertThat(outcome.error()).isEqualTo("HTTP 302");
            assertThat(elsewhere).hasValue(0);
        } finally {
            server.stop(0);
        }
    }

    private static TargetCaller callerFor(URI target) {
        LoadConfiguration configuration = new LoadConfiguration(target, 200, Duration.ofMinutes(10),
                Duration.ofMinutes(2), Duration.ofSeconds(2), Duration.ofSeconds(60), 8, 10, Duration.ofSeconds(60));
        return new TargetCaller(configuration, JsonMapper.createDefault());
    }
}
