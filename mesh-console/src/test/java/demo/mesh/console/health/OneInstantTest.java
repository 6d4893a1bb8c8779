package demo.mesh.console.health;

import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A health read asks Prometheus its four queries at one instant: a success rate is errors over calls of the same
 * samples, even when a scrape lands between the queries (IstioQueriesTest once read 77% for a release failing 20%).
 */
class OneInstantTest {

    private static final Instant NOW = Instant.parse("2026-12-03T20:05:06.789Z");
    private static final HealthQuery QUERY = new HealthQuery("mesh-demo", "logic-app", List.of("v1", "v2"),
            Duration.ofMinutes(1));

    @Test
    void everyQueryOfAReadIsEvaluatedAtTheSameInstantTheConsoleChose() {
        List<String> instants = new CopyOnWriteArrayList<>();
        PrometheusApi prometheus = (query, time) -> {
            instants.add(time);
            return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":"
                    + "[{\"metric\":{\"destination_version\":\"v1\"},\"value\":[1,\"10\"]}]}}";
        };
        PrometheusMetrics metrics = new PrometheusMetrics(prometheus, JsonMapper.createDefault(),
                QueryTemplates.ISTIO, URI.create("http://prometheus:9090"), Clock.fixed(NOW, ZoneOffset.UTC));

        RouteHealth health = metrics.health(QUERY);

        assertThat(instants).hasSize(4).containsOnly("1796328306.789");
        assertThat(health.versions()).containsKeys("v1", "v2");
        assertThat(health.versions().get("v1").calls()).isEqualTo(10L);
    }
}
