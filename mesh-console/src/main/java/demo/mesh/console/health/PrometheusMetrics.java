package demo.mesh.console.health;

import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Each version's health from PromQL over Prometheus's HTTP API: four instant queries (calls, errors, p50, p99), each
 * grouped by version, from configurable templates.
 */
final class PrometheusMetrics implements TrafficMetrics {

    private final PrometheusApi api;
    private final JsonMapper json;
    private final QueryTemplates templates;
    private final URI url;

    PrometheusMetrics(PrometheusApi api, JsonMapper json, QueryTemplates templates, URI url) {
        this.api = api;
        this.json = json;
        this.templates = templates;
        this.url = url;
    }

    @Override
    public String source() {
        return MetricsConfiguration.PROMETHEUS;
    }

    @Override
    public RouteHealth health(HealthQuery query) {
        Map<String, Double> calls = run(templates.calls(), query, 0);
        Map<String, Double> errors = run(templates.errors(), query, 0);
        Map<String, Double> p50 = run(templates.latency(), query, 0.5);
        Map<String, Double> p99 = run(templates.latency(), query, 0.99);
        Map<String, VersionHealth> versions = new LinkedHashMap<>();
        for (String version : query.versions()) {
            versions.put(version, VersionHealth.estimated(calls.getOrDefault(version, 0.0),
                    errors.getOrDefault(version, 0.0), p50.get(version), p99.get(version)));
        }
        return new RouteHealth(source(), query.window(), versions);
    }

    private Map<String, Double> run(String template, HealthQuery query, double quantile) {
        String promql = QueryTemplates.render(template, query, quantile);
        try {
            return PromVector.byLabel(json, api.query(promql), templates.versionLabel());
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
