package demo.mesh.console.api;

import demo.mesh.console.http.StreamLimit;
import demo.mesh.console.routing.RouteChange;
import demo.mesh.console.routing.ChangeFeed;
import demo.mesh.console.security.ReadableNamespaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.sse.Event;
import io.micronaut.security.authentication.Authentication;
import reactor.core.publisher.Flux;

import java.time.Duration;

/**
 * {@code GET /api/events}: every change to a watched VirtualService as a Server-Sent Event named {@code route}.
 * Open to whoever may read, and bounded by {@code mesh-console.events.max-clients}.
 */
@Controller("/api/events")
public class EventsController {

    /** Comment lines keep idle connections open through proxies that drop silent ones. */
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(20);

    private final ChangeFeed feed;
    private final StreamLimit clients;
    private final ReadableNamespaces readable;

    public EventsController(ChangeFeed feed, EventsConfiguration configuration, ReadableNamespaces readable) {
        this.feed = feed;
        this.readable = readable;
        this.clients = new StreamLimit(configuration.maxClients(), "route changes",
                EventsConfiguration.PREFIX + ".max-clients");
    }

    /** With reads closed, a person hears only of the namespaces they hold a role in. */
    @Get(produces = MediaType.TEXT_EVENT_STREAM)
    public Flux<Event<?>> events(@Nullable Authentication person) {
        return clients.hold(() -> {
            Flux<Event<?>> changes = feed.changes()
                    .filter(change -> readable.readable(change.namespace(), person))
                    .map(change -> Event.of(change).name("route"));
            Flux<Event<?>> keepAlive = Flux.interval(KEEP_ALIVE).map(tick -> Event.of("").comment("keep-alive"));
            return Flux.merge(Flux.just(Event.of("").comment("connected")), changes, keepAlive);
        });
    }
}
