package demo.mesh.console.api;

import demo.mesh.console.http.StreamLimit;
import demo.mesh.console.routing.RouteChange;
import demo.mesh.console.routing.ChangeFeed;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.sse.Event;
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

    public EventsController(ChangeFeed feed, EventsConfiguration configuration) {
        this.feed = feed;
        this.clients = new StreamLimit(configuration.maxClients(), "route changes",
                EventsConfiguration.PREFIX + ".max-clients");
    }

    @Get(produces = MediaType.TEXT_EVENT_STREAM)
    public Flux<Event<?>> events() {
        return clients.hold(() -> {
            Flux<Event<?>> changes = feed.changes().map(change -> Event.of(change).name("route"));
            Flux<Event<?>> keepAlive = Flux.interval(KEEP_ALIVE).map(tick -> Event.of("").comment("keep-alive"));
            return Flux.merge(Flux.just(Event.of("").comment("connected")), changes, keepAlive);
        });
    }
}
