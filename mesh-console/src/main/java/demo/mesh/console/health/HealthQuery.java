package demo.mesh.console.health;

import java.time.Duration;
import java.util.List;

/**
 * Which traffic to count: calls to {@code host} (as the route names it) in {@code namespace}, per version, over the
 * last {@code window}.
 */
public record HealthQuery(String namespace, String host, List<String> versions, Duration window) {

    public HealthQuery {
        versions = List.copyOf(versions);
    }
}
