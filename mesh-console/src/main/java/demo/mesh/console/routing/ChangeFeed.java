package demo.mesh.console.routing;

import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Watches the router from start-up to shutdown and hands every change to whoever is listening at that moment.
 * Slow listeners miss changes rather than hold up the others; each change carries the full state, so the next
 * one brings them up to date.
 */
@Singleton
public class ChangeFeed {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);

    private final TrafficRouter router;
    private final Sinks.Many<RouteChange> sink = Sinks.many().multicast().directBestEffort();
    private AutoCloseable watch;

    public ChangeFeed(TrafficRouter router) {
        this.router = router;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        watch = router.watch(this::publish);
    }

    @EventListener
    void onShutdown(ShutdownEvent event) throws Exception {
        if (watch != null) {
            watch.close();
        }
        sink.tryEmitComplete();
    }

    public Flux<RouteChange> changes() {
        return sink.asFlux();
    }

    // Informers of different namespaces call in from different threads; a sink takes one emitter at a time.
    private synchronized void publish(RouteChange change) {
        Sinks.EmitResult result = sink.tryEmitNext(change);
        if (result.isFailure() && result != Sinks.EmitResult.FAIL_ZERO_SUBSCRIBER) {
            LOG.warn("Change to {}/{} not delivered: {}", change.namespace(), change.name(), result);
        }
    }
}
