package demo.mesh.cluster;

import demo.mesh.testsupport.BinomialCount;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole gray release on a real mesh: calls through the Istio ingress gateway split between logic-app v1 and v2
 * as VirtualService logic-app says (90/10 as {@code kubectl apply -k istio} leaves it).
 */
@Tag("k3s-istio")
@ExtendWith({AppImagesBuilt.class, K3sAvailable.class, DemoOnIstio.class})
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class GrayReleaseThroughIstioTest {
    private static final String AS_ISTIO_LEAVES_IT = "istio/virtual-service-logic-app-90-10.yaml";
    private static final int CALLS = 1000;
    /** A call that fails on a busy laptop is not a wrong split; more than 1 % failing is something else. */
    private static final int MAX_FAILED_CALLS = 10;

    @BeforeEach
    void startFromTheDefaultSplit(DeployedDemo demo) {
        demo.reset(AS_ISTIO_LEAVES_IT);
    }

    @Test
    void aThousandCallsThroughTheGatewaySplit90To10(DeployedDemo demo) throws Exception {
        Map<String, Integer> answeredBy = new TreeMap<>();
        for (int call = 0; call < CALLS; call++) {
            answeredBy.merge(Gateway.answeredBy(demo.gateway().hello(Map.of())), 1, Integer::sum);
        }

        int answered = answeredBy.getOrDefault("v1", 0) + answeredBy.getOrDefault("v2", 0);
        assertThat(answered).as("calls answered by v1 or v2, of %s", answeredBy)
                .isGreaterThanOrEqualTo(CALLS - MAX_FAILED_CALLS);
        BinomialCount v2 = BinomialCount.ofWeight(answered, 10);
        assertThat(answeredBy.getOrDefault("v2", 0)).as("calls v2 answered, of %s; %s", answeredBy, v2)
                .isBetween(v2.low(), v2.high());
    }

    @Test
    void theCanaryHeaderAlwaysReachesV2(DeployedDemo demo) throws Exception {
        for (int call = 0; call < 20; call++) {
            HttpResponse<String> answer = demo.gateway().hello(Map.of("x-canary", "true"));
            assertThat(Gateway.answeredBy(answer)).as(answer.body()).isEqualTo("v2");
        }
    }
}
