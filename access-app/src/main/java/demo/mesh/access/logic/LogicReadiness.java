package demo.mesh.access.logic;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /health/readiness} is DOWN until the logic-app channel has been able to route a call once, and the body
 * says what it waits for: ready means the first call can be served. With an {@code xds:///} target that is when
 * the control plane has sent routes; with {@code dns:///} when logic-app (or the sidecar in front of it) accepted a
 * connection.
 * <p>
 * After that readiness no longer follows the channel: a logic-app outage then answers 503 from the edge, which
 * says what failed, while taking the edge out of its Service would only turn it into the gateway's "no healthy
 * upstream". Where traffic goes is the mesh's decision, not the edge's probe.
 */
@Singleton
@Readiness
class LogicReadiness implements HealthIndicator {

    static final String NAME = "logicChannel";

    private final LogicChannel logic;

    LogicReadiness(LogicChannel logic) {
        this.logic = logic;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        boolean ready = logic.hasRouted();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("target", logic.target());
        details.put("state", logic.state().name());
        if (!ready) {
            details.put("waitingFor", "the logic-app channel to become READY (for xds:/// targets: routes from the"
                    + " control plane); until then no call to logic-app can be routed");
        }
        return Publishers.just(HealthResult.builder(NAME, ready ? HealthStatus.UP : HealthStatus.DOWN)
                .details(details)
                .build());
    }
}
