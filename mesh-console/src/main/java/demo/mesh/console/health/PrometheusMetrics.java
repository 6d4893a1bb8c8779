package demo.mesh.console.health;

import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Each version's health from PromQL over Prometheus's HTTP API: four instant queries (calls, errors, p50, p99), each
 * grouped by version, from configurable templates, all evaluated at one instant. Left to Prometheus's "now", a scrape
 * landing between the calls and the errors query gave them windows of different samples, and a success rate that
 * was neither (77% for a release failing 20%, on a busy machine).
 */
final class PrometheusMetrics implements TrafficMetrics {

    private final PrometheusApi api;
    private final JsonMapper json;
    private final QueryTemplates templates;
    private final URI url;
    private final Clock clock;

    PrometheusMetrics(PrometheusApi api, JsonMapper json, QueryTemplates templates, URI url, Clock clock) {
        this.api = api;
        this.json = json;
        this.templates = templates;
        this.url = url;
        this.clock = clock;
    }

    @Override
    public String source() {
        return MetricsConfiguration.PROMETHEUS;
    }

    @Override
    public RouteHealth health(HealthQuery query) {
        Instant now = clock.instant();
        String at = now.getEpochSecond() + "." + String.format("%03d", now.getNano() / 1_000_000);
        Map<String, Double> calls = run(templates.calls(), query, 0, at);
        Map<String, Double> errors = run(templates.errors(), query, 0, at);
        Map<String, Double> p50 = run(templates.latency(), query, 0.5, at);
        Map<String, Double> p99 = run(templates.latency(), query, 0.99, at);
        Map<String, VersionHealth> versions = new LinkedHashMap<>();
        for (String version : query.versions()) {
            versions.put(version, VersionHealth.estimated(calls.getOrDefault(version, 0.0),
                    errors.getOrDefault(version, 0.0), p50.get(version), p99.get(version)));
        }
        return new RouteHealth(source(), query.window(), versions);
    }

    private Map<String, Double> run(String template, HealthQuery query, double quantile, String at) {
        String promql = QueryTemplates.render(template, query, quantile);
        try {
            return PromVector.byLabel(json, api.query(promql, at), templates.versionLabel());
        } catch (HttpClientResponseException e) {
            throw new MetricsUnavailableException("Prometheus at " + url + " refused the query " + promql + ": HTTP "
                    + e.getStatus().getCode() + " " + e.getResponse().getBody(String.class).orElse(""), e);
        } catch (HttpClientException e) {
            throw new MetricsUnavailableException("Prometheus at " + url + " is unreachable: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new MetricsUnavailableException("Prometheus at " + url + " answered the query " + promql
                    + " with something else than a vector: " + e.getMessage(), e);
        }
    }
}
