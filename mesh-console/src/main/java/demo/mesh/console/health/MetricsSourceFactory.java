package demo.mesh.console.health;

import demo.mesh.console.ConsoleConfiguration;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * The one {@link TrafficMetrics} of this console, picked by {@code mesh-console.metrics.source} at start-up
 * ({@code @Context}): an unknown source stops the console instead of leaving the page without figures.
 */
@Factory
class MetricsSourceFactory {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsSourceFactory.class);

    private EmbeddedMetrics embedded;

    @Context
    TrafficMetrics trafficMetrics(MetricsConfiguration configuration, ConsoleConfiguration console,
                                  BeanProvider<PrometheusApi> prometheus, JsonMapper json,
                                  @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
        String source = configuration.sourceIn(console.mode());
        switch (source) {
            case MetricsConfiguration.PROMETHEUS -> {
                QueryTemplates templates = configuration.templatesIn(console.mode());
                LOG.info("Metrics source: Prometheus at {} ({} queries)", configuration.prometheusUrl(),
                        configuration.templateSetIn(console.mode()));
                return new PrometheusMetrics(prometheus.get(), json, templates, configuration.prometheusUrl(),
                        Clock.systemUTC());
            }
            case MetricsConfiguration.EMBEDDED -> {
                LOG.info("Metrics source: embedded, reading {} every {}", configuration.scrapeTargets(),
                        configuration.scrapeInterval());
                embedded = new EmbeddedMetrics(configuration, scheduler, Clock.systemUTC());
                return embedded;
            }
            default -> throw new ConfigurationException(MetricsConfiguration.PREFIX + ".source '" + source
                    + "' is unknown. Set MESH_CONSOLE_METRICS_SOURCE to " + MetricsConfiguration.PROMETHEUS
                    + " (PromQL over Prometheus's HTTP API) or " + MetricsConfiguration.EMBEDDED
                    + " (the console reads the apps' metrics endpoints itself)");
        }
    }

    /** Stops the embedded source's scraping with the console. */
    @PreDestroy
    void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
