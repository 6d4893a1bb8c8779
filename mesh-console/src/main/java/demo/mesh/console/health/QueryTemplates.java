package demo.mesh.console.health;

import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.util.Map;

/**
 * The PromQL a Prometheus source runs for one route: attempts per version, server failures per version, and a latency
 * quantile per version in milliseconds. Each query must return one series per version, labelled by
 * {@code versionLabel}.
 *
 * <p>Placeholders: {@code {namespace}}, {@code {host}} (as the route names it), {@code {service}} (the host's first
 * DNS label, what Istio's {@code destination_service_name} holds), {@code {versions}} (a regex alternation of the
 * route's subsets), {@code {window}} (e.g. {@code 30s}), {@code {quantile}} (latency only), and
 * {@code {grpcFailureCodes}} / {@code {grpcFailureNames}} from {@link ServerFailures}.
 */
public record QueryTemplates(String versionLabel, String calls, String errors, String latency) {

    public static final String ISTIO_SET = "istio";
    public static final String ACCESS_APP_SET = "access-app";

    private static final String ISTIO_SELECTOR = "reporter=\"destination\",destination_service_namespace=\"{namespace}\","
            + "destination_service_name=\"{service}\",destination_version=~\"{versions}\"";

    /**
     * Istio's sidecar metrics, as the server's sidecar reports them. A gRPC failure travels in an HTTP 200, so a
     * request counts as failed when its HTTP code is 5xx or its {@code grpc_response_status} is a server failure;
     * {@code or} keeps a request that is both from counting twice (the two selections then have identical labels).
     */
    static final QueryTemplates ISTIO = new QueryTemplates("destination_version",
            "sum by (destination_version) (increase(istio_requests_total{" + ISTIO_SELECTOR + "}[{window}]))",
            "sum by (destination_version) (increase(istio_requests_total{" + ISTIO_SELECTOR + ",response_code=~\"5..\"}[{window}])"
                    + " or increase(istio_requests_total{" + ISTIO_SELECTOR + ",grpc_response_status=~\"{grpcFailureCodes}\"}[{window}]))",
            "histogram_quantile({quantile}, sum by (destination_version, le) "
                    + "(rate(istio_request_duration_milliseconds_bucket{" + ISTIO_SELECTOR + "}[{window}])))");

    /**
     * access-app's own metrics: one sample per gRPC attempt, tagged with the release that answered and the status
     * name. It calls one service only, so the host and namespace select nothing here.
     */
    static final QueryTemplates ACCESS_APP = new QueryTemplates("version",
            "sum by (version) (increase(logic_attempts_seconds_count{version=~\"{versions}\"}[{window}]))",
            "sum by (version) (increase(logic_attempts_seconds_count{version=~\"{versions}\",outcome=~\"{grpcFailureNames}\"}[{window}]))",
            "1000 * histogram_quantile({quantile}, sum by (version, le) "
                    + "(rate(logic_attempts_seconds_bucket{version=~\"{versions}\"}[{window}])))");

    private static final Map<String, QueryTemplates> SETS = Map.of(ISTIO_SET, ISTIO, ACCESS_APP_SET, ACCESS_APP);

    /** A default set by name; an unknown name stops the console at start-up. */
    public static QueryTemplates named(String set) {
        QueryTemplates templates = SETS.get(set);
        if (templates == null) {
            throw new ConfigurationException(MetricsConfiguration.PREFIX + ".queries '" + set + "' is unknown: set "
                    + "MESH_CONSOLE_METRICS_QUERIES to " + ISTIO_SET + " (Istio sidecar metrics) or " + ACCESS_APP_SET
                    + " (access-app's per-attempt metrics)");
        }
        return templates;
    }

    /** These templates with any of the three queries replaced by a configured one. */
    public QueryTemplates replacing(@Nullable String callsQuery, @Nullable String errorsQuery, @Nullable String latencyQuery) {
        return new QueryTemplates(versionLabel, callsQuery != null ? callsQuery : calls,
                errorsQuery != null ? errorsQuery : errors, latencyQuery != null ? latencyQuery : latency);
    }

    /** {@code template} filled in for one query; {@code quantile} is ignored by templates that do not use it. */
    static String render(String template, HealthQuery query, double quantile) {
        String versions = String.join("|", query.versions().stream().map(QueryTemplates::regexQuote).toList());
        return template
                .replace("{namespace}", labelValue(query.namespace()))
                .replace("{host}", labelValue(query.host()))
                .replace("{service}", labelValue(query.host().split("\\.", 2)[0]))
                .replace("{versions}", labelValue(versions))
                .replace("{window}", promDuration(query.window()))
                .replace("{quantile}", Double.toString(quantile))
                .replace("{grpcFailureCodes}", ServerFailures.numbersRegex())
                .replace("{grpcFailureNames}", ServerFailures.namesRegex());
    }

    /** A Prometheus duration in whole seconds, the unit the API accepts windows in. */
    static String promDuration(Duration window) {
        return window.toSeconds() + "s";
    }

    /** Subset names are DNS labels, but a dot would still match any character in a regex. */
    private static String regexQuote(String version) {
        return version.replace(".", "\\.");
    }

    /** Escapes what would end a double-quoted PromQL string early. */
    private static String labelValue(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
