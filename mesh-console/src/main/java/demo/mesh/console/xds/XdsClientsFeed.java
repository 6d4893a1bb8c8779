package demo.mesh.console.xds;

import demo.mesh.console.local.LocalXdsClients;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.sse.Event;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The local data plane's clients as the API shows them, and as events: {@code clients} (the whole list) whenever
 * it changes, and {@code acknowledged} once every connected client has accepted a new version.
 */
@Singleton
@Requires(property = "mesh-console.mode", value = "local")
public class XdsClientsFeed {

    /**
     * A publish brings four acknowledgements per client within milliseconds; one list per burst is what a page
     * needs, and the last state of a burst is never held back longer than this.
     */
    private static final Duration COALESCE = Duration.ofMillis(100);

    private final LocalXdsClients clients;
    private final Sinks.Many<Boolean> changes = Sinks.many().multicast().directBestEffort();
    private final AutoCloseable subscription;

    XdsClientsFeed(LocalXdsClients clients) {
        this.clients = clients;
        this.subscription = clients.onChange(this::changed);
    }

    public List<XdsClientView> clients() {
        return clients.clients().stream().map(XdsClientView::of).toList();
    }

    /** The current state at once, then each change: a page that connects late starts from the truth. */
    public Flux<Event<?>> events() {
        Flux<Boolean> ticks = Flux.concat(Flux.just(Boolean.TRUE), changes.asFlux().sample(COALESCE));
        return ticks.publish(shared -> Flux.merge(
                shared.map(tick -> Event.of(clients()).name("clients")),
                shared.mapNotNull(tick -> clients.acknowledgement().map(AcknowledgementView::of).orElse(null))
                        .distinctUntilChanged(AcknowledgementView::version, Objects::equals)
                        .map(acknowledgement -> Event.of(acknowledgement).name("acknowledged"))));
    }

    // gRPC threads of different streams call in at once; a sink takes one emitter at a time.
    private synchronized void changed() {
        changes.tryEmitNext(Boolean.TRUE);
    }

    @PreDestroy
    void close() throws Exception {
        subscription.close();
        changes.tryEmitComplete();
    }
}
