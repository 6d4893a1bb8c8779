package demo.mesh.console.health;

/**
 * The seam between the console and whatever counts the traffic each version of a route serves.
 *
 * <p>One implementation per {@code mesh-console.metrics.source}: a Prometheus one (PromQL over Prometheus's HTTP
 * API) and an embedded one that reads the apps' metrics endpoints itself. Everything that judges a release — the
 * health endpoint, the page, guarded rollouts — asks this interface, so a new source never touches them.
 */
public interface TrafficMetrics {

    /** The name the REST API reports as {@code source}: {@code prometheus} or {@code embedded}. */
    String source();

    /**
     * How each of the query's versions did over its window, per attempt: a retried call counts once for every
     * version that answered it.
     *
     * @return one entry per requested version, in the query's order; a version nobody called has zero calls
     * @throws MetricsUnavailableException when the source cannot be reached or answers nonsense
     */
    RouteHealth health(HealthQuery query);
}
