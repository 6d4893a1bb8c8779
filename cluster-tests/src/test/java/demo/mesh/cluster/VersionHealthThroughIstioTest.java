package demo.mesh.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import demo.mesh.testsupport.BinomialCount;
import demo.mesh.testsupport.ConsoleClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Per-version health on a real mesh: the deployed console reads Istio's sidecar metrics from the Prometheus addon
 * ({@code GET …/health}), and a release broken live with its fault switch shows there while the other stays healthy.
 */
@Tag("k3s-istio")
@ExtendWith({AppImagesBuilt.class, K3sAvailable.class, DemoOnIstio.class})
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class VersionHealthThroughIstioTest {
    private static final String HALF_AND_HALF = "istio/virtual-service-logic-app-50-50.yaml";
    private static final String WINDOW = "30s";
    /** The share of v2's attempts its fault switch fails, as the README's demo breaks it. */
    private static final double V2_ERROR_RATE = 0.3;
    /**
     * Through the gateway: at 50/50 about 450 calls to each version in the 30 s window, more than enough for the
     * bounds below; the sidecars' retries of v2's failures add attempts, never remove them.
     */
    private static final int CALLS_PER_SECOND = 30;
    /**
     * The window fills with broken calls in 30 s, and the addon scrapes every 15 s: the health should show the fault
     * within a minute. The traffic stops by itself a minute after the wait gives up: at most 30 × 240 calls.
     */
    private static final Duration FAULT_SHOWN_LIMIT = Duration.ofMinutes(3);
    private static final Duration TRAFFIC_LIMIT = Duration.ofMinutes(4);
    /**
     * v2's attempts before its figures are judged: with 100, a release failing 30 % shows at most 92 % success
     * (5 sigma), well apart from a healthy one's 100 %.
     */
    private static final int MIN_V2_ATTEMPTS = 100;
    /** v1 has no fault: anything under the rollouts' default gate would be a real failure. */
    private static final double HEALTHY = 99.0;

    @BeforeEach
    void startHealthyAtHalfAndHalf(DeployedDemo demo) {
        demo.reset(HALF_AND_HALF);
    }

    @Test
    void aV2FailingAThirdOfItsCallsShowsInTheHealthFromIstiosPrometheusWhileV1StaysHealthy(DeployedDemo demo)
            throws InterruptedException {
        ConsoleClient console = demo.console();
        demo.faultSwitch("v2").failShare(V2_ERROR_RATE);

        try (GatewayTraffic traffic = GatewayTraffic.start(demo.gateway(), CALLS_PER_SECOND, TRAFFIC_LIMIT)) {
            // While the window still holds calls from before the fault, v2 looks better than the fault makes it:
            // wait until it shows at most what a release failing 30 % can show.
            JsonNode health = await("v2's success rate over " + WINDOW + " down to what a " + V2_ERROR_RATE
                    + " error rate shows").atMost(FAULT_SHOWN_LIMIT).pollInterval(Duration.ofSeconds(5))
                    .until(() -> health(console), VersionHealthThroughIstioTest::showsTheFault);

            JsonNode v2 = health.path("versions").path("v2");
            JsonNode v1 = health.path("versions").path("v1");
            BinomialCount v2Errors = new BinomialCount(v2.path("calls").asInt(), V2_ERROR_RATE);
            assertThat(health.path("source").asText()).as("%s", health).isEqualTo("prometheus");
            assertThat(health.path("window").asText()).isEqualTo(WINDOW);
            assertThat(v2.path("successRate").asDouble()).as("v2's success rate, %s; errors %s", health, v2Errors)
                    .isGreaterThanOrEqualTo(100 - v2Errors.highPercent());
            assertThat(v1.path("calls").asLong()).as("v1's attempts, %s; gateway traffic %s", health,
                    traffic.answeredBy()).isPositive();
            assertThat(v1.path("successRate").asDouble()).as("v1's success rate, %s", health)
                    .isGreaterThanOrEqualTo(HEALTHY);
        }
    }

    private static JsonNode health(ConsoleClient console) {
        ConsoleClient.Response answer = console.health(LogicAppVirtualService.NAMESPACE, LogicAppVirtualService.NAME,
                WINDOW);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    /** Enough v2 attempts, and a success rate no better than the 5 sigma bound for a 30 % error rate allows. */
    private static boolean showsTheFault(JsonNode health) {
        JsonNode v2 = health.path("versions").path("v2");
        int attempts = v2.path("calls").asInt();
        return attempts >= MIN_V2_ATTEMPTS
                && v2.path("successRate").asDouble() <= 100 - new BinomialCount(attempts, V2_ERROR_RATE).lowPercent();
    }
}
