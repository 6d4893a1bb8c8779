package demo.mesh.logic;

import io.grpc.ServerInterceptor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.grpc.MetricCollectingServerInterceptor;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * gRPC metrics for Prometheus: {@code grpc_server_processing_duration_seconds} by method and status code, tagged
 * with the release version so one dashboard compares v1 and v2, with histogram buckets for latency quantiles.
 */
@Factory
public class MetricsFactory {

    @Singleton
    ServerInterceptor grpcMetrics(MeterRegistry registry) {
        return new MetricCollectingServerInterceptor(registry);
    }

    @Singleton
    MeterFilter releaseTags(LogicProperties logic) {
        return MeterFilter.commonTags(List.of(Tag.of("app", "logic-app"), Tag.of("version", logic.version())));
    }

    @Singleton
    MeterFilter grpcLatencyHistogram() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(
                    io.micrometer.core.instrument.Meter.Id id, DistributionStatisticConfig config) {
                if (id.getName().startsWith("grpc.server.processing.duration")) {
                    return DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config);
                }
                return config;
            }
        };
    }
}
