package demo.mesh.access.logic;

import demo.mesh.logic.api.ReleaseMetadata;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientStreamTracer;
import io.grpc.MethodDescriptor;
import io.grpc.Metadata;
import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Times every attempt of a call to logic-app, as {@code logic.attempts} (Prometheus {@code logic_attempts_seconds_*})
 * tagged by the release that answered the attempt and its gRPC status. A retry policy can hide a failing release
 * from the user: a v2 attempt that fails and is retried on v1 is a success in {@code logic.calls}, and here a v2
 * failure, which is what a gate judging v2 must see.
 * <p>
 * {@link #interceptor()} puts a {@link ClientStreamTracer.Factory} in each call's options; grpc-java asks that for a
 * new tracer for each attempt (the first and every retry) and closes each with the attempt's status. The release is
 * read from the attempt's own response metadata. (Not a ClientInterceptor bean: micronaut-grpc would add those to
 * every channel, and each attempt would be counted twice.)
 */
@Singleton
public class LogicAttemptMetrics {

    static final String NAME = "logic.attempts";

    private final MeterRegistry registry;
    private final VersionOutcomeTimers timers;
    private final ClientStreamTracer.Factory tracers = new ClientStreamTracer.Factory() {
        @Override
        public ClientStreamTracer newClientStreamTracer(ClientStreamTracer.StreamInfo info, Metadata headers) {
            return new Attempt(registry.config().clock().monotonicTime());
        }
    };

    private final ClientInterceptor interceptor = new ClientInterceptor() {
        @Override
        public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
            return next.newCall(method, options.withStreamTracerFactory(tracers));
        }
    };

    LogicAttemptMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.timers = new VersionOutcomeTimers(registry, NAME,
                "Attempts of calls from access-app to logic-app, retries included, by answering version and gRPC status");
    }

    /** Counts the attempts of the calls it intercepts. */
    ClientInterceptor interceptor() {
        return interceptor;
    }

    /** One attempt; its callbacks come from transport threads, hence the volatile fields. */
    private final class Attempt extends ClientStreamTracer {
        private final long startNanos;
        private final AtomicBoolean recorded = new AtomicBoolean();
        private volatile Metadata headers;
        private volatile Metadata trailers;

        Attempt(long startNanos) {
            this.startNanos = startNanos;
        }

        @Override
        public void inboundHeaders(Metadata headers) {
            this.headers = headers;
        }

        @Override
        public void inboundTrailers(Metadata trailers) {
            this.trailers = trailers;
        }

        @Override
        public void streamClosed(Status status) {
            // Once per attempt, even should a transport report the close twice.
            if (recorded.compareAndSet(false, true)) {
                String version = ReleaseMetadata.version(trailers, headers).orElse(null);
                timers.timer(version, status.getCode())
                        .record(registry.config().clock().monotonicTime() - startNanos, TimeUnit.NANOSECONDS);
            }
        }
    }
}
