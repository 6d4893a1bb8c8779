package demo.mesh.cluster;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The background traffic of the k3s-istio tests stays within its bounds; against a local stand-in for the gateway. */
class GatewayTrafficTest {
    private static final int CALLS_PER_SECOND = 20;
    private static final Duration LIMIT = Duration.ofSeconds(1);
    /** Each of the four callers calls at its start and then once a period while the limit lasts. */
    private static final int MOST_CALLS = CALLS_PER_SECOND * (int) LIMIT.toSeconds() + 4;

    private final AtomicInteger received = new AtomicInteger();
    private HttpServer gateway;

    @BeforeEach
    void startAStandInGateway() throws IOException {
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/api/hello", exchange -> {
            received.incrementAndGet();
            byte[] body = "{\"version\":\"v1\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        gateway.start();
    }

    @AfterEach
    void stopTheGateway() {
        gateway.stop(0);
    }

    @Test
    void itStopsByItselfOnceItsLimitHasPassedHavingMadeAtMostRateTimesLimitCalls() throws InterruptedException {
        URI base = URI.create("http://127.0.0.1:" + gateway.getAddress().getPort());
        try (GatewayTraffic traffic = GatewayTraffic.start(new Gateway(base), CALLS_PER_SECOND, LIMIT)) {
            await("the traffic to stop by itself").atMost(LIMIT.plusSeconds(10)).until(() -> !traffic.running());

            assertThat(received.get()).isPositive().isLessThanOrEqualTo(MOST_CALLS);
            assertThat(traffic.answeredBy()).containsOnlyKeys("v1").containsEntry("v1", received.get());
        }
    }
}
