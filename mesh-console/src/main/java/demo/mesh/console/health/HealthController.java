package demo.mesh.console.health;

import demo.mesh.console.routing.Destination;
import demo.mesh.console.routing.RouteRef;
import demo.mesh.console.routing.TrafficService;
import demo.mesh.console.routing.VirtualServiceRoutes;
import demo.mesh.console.routing.HttpRoute;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How each version of a VirtualService is doing: {@code GET /api/routes/{namespace}/{name}/health?window=30s}. One
 * entry per subset its weighted routes send to, from whichever {@link TrafficMetrics} source the console runs.
 * Reads are open or not like every other GET ({@code mesh-console.auth.open-reads}).
 */
@Controller("/api/routes")
@ExecuteOn(TaskExecutors.BLOCKING)
public class HealthController {

    /** What the API answers: the window as asked ({@code 30s}), not as a Java duration. */
    @Serdeable
    public record HealthResponse(String source, String window, Map<String, VersionHealth> versions) {
    }

    private final TrafficService traffic;
    private final TrafficMetrics metrics;

    public HealthController(TrafficService traffic, TrafficMetrics metrics) {
        this.traffic = traffic;
        this.metrics = metrics;
    }

    @Get("/{namespace}/{name}/health")
    public HealthResponse health(String namespace, String name, @QueryValue(defaultValue = "30s") String window) {
        RouteRef ref = RouteRef.requested(namespace, name);
        HealthQuery query = query(traffic.get(ref), HealthWindow.parse(window));
        RouteHealth health = metrics.health(query);
        return new HealthResponse(health.source(), HealthWindow.format(health.window()), health.versions());
    }

    /** The versions are the subsets the weighted routes send to; the host is theirs (a route splits one host). */
    private static HealthQuery query(VirtualServiceRoutes routes, Duration window) {
        List<Destination> destinations = routes.weightedRoutes().stream()
                .map(HttpRoute::destinations).flatMap(List::stream).toList();
        List<String> versions = destinations.stream().map(Destination::key).distinct().toList();
        return new HealthQuery(routes.namespace(), destinations.get(0).host(), versions, window);
    }
}
