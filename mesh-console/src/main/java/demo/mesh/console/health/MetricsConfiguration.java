package demo.mesh.console.health;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Where the console reads each version's health. Unset, the source and the query set follow the mode: a cluster has
 * Prometheus and Istio's sidecar metrics, the local mesh has neither until someone starts one.
 *
 * @param source         {@code prometheus} or {@code embedded} ({@code MESH_CONSOLE_METRICS_SOURCE}); unset:
 *                       {@code embedded} in local mode, else {@code prometheus}
 * @param prometheusUrl  Prometheus's base URL ({@code MESH_CONSOLE_METRICS_PROMETHEUS_URL}); its default is in
 *                       application.yml, where the HTTP client {@code prometheus} is bound to it
 * @param timeout        how long one PromQL query may take before the source counts as unreachable (also bound to
 *                       the client there)
 * @param queries        the PromQL template set: {@code istio} (sidecar metrics) or {@code access-app} (access-app's
 *                       own per-attempt metrics, for proxyless gRPC and the local mesh); unset: {@code access-app}
 *                       in local mode, else {@code istio}
 * @param callsQuery     replaces the set's calls template (placeholders in {@link QueryTemplates})
 * @param errorsQuery    replaces the set's errors template
 * @param latencyQuery   replaces the set's latency template
 * @param scrapeTargets  the metrics endpoints the embedded source reads ({@code MESH_CONSOLE_METRICS_SCRAPE_TARGETS})
 * @param scrapeInterval how often the embedded source reads them
 * @param retention      how long the embedded source keeps what it read; the longest window it can answer
 */
@ConfigurationProperties(MetricsConfiguration.PREFIX)
public record MetricsConfiguration(
        @Nullable String source,
        URI prometheusUrl,
        Duration timeout,
        @Nullable String queries,
        @Nullable String callsQuery,
        @Nullable String errorsQuery,
        @Nullable String latencyQuery,
        @Bindable(defaultValue = "http://localhost:8080/prometheus") List<URI> scrapeTargets,
        @Bindable(defaultValue = "1s") Duration scrapeInterval,
        @Bindable(defaultValue = "10m") Duration retention) {

    public static final String PREFIX = "mesh-console.metrics";
    public static final String PROMETHEUS = "prometheus";
    public static final String EMBEDDED = "embedded";

    public MetricsConfiguration {
        scrapeTargets = List.copyOf(scrapeTargets);
    }

    /** The source to use in {@code mode}: the configured one, else the mode's default. */
    public String sourceIn(String mode) {
        return source != null ? source : "local".equals(mode) ? EMBEDDED : PROMETHEUS;
    }

    /** The name of the PromQL template set to use in {@code mode}: the configured one, else the mode's. */
    public String templateSetIn(String mode) {
        return queries != null ? queries : "local".equals(mode) ? QueryTemplates.ACCESS_APP_SET : QueryTemplates.ISTIO_SET;
    }

    /** The PromQL templates to use in {@code mode}, with any query the configuration replaces. */
    public QueryTemplates templatesIn(String mode) {
        return QueryTemplates.named(templateSetIn(mode)).replacing(callsQuery, errorsQuery, latencyQuery);
    }
}
