package demo.mesh.console.xds;

import demo.mesh.console.api.EventsConfiguration;
import demo.mesh.console.http.StreamLimit;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.http.sse.Event;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the data plane did with the routing, like {@code istioctl proxy-status}: {@code GET /api/xds/clients} lists
 * the connected proxyless gRPC clients, {@code GET /api/xds/stream} follows them. Only in local mode, where the
 * console is the xDS server; in a cluster istiod is, and only it knows (404, saying so).
 */
@Controller("/api/xds")
public class XdsClientsController {

    private static final Duration KEEP_ALIVE = Duration.ofSeconds(20);
    private static final String NOT_HERE = "xDS clients are known only in local mode, where the console serves xDS;"
            + " in a cluster istiod serves them (istioctl proxy-status lists them)";

    private final Optional<XdsClientsFeed> feed;
    private final StreamLimit streams;

    public XdsClientsController(Optional<XdsClientsFeed> feed, EventsConfiguration configuration) {
        this.feed = feed;
        this.streams = new StreamLimit(configuration.maxClients(), "xDS clients", EventsConfiguration.PREFIX + ".max-clients");
    }

    @Get("/clients")
    public List<XdsClientView> clients() {
        return local().clients();
    }

    @Get(value = "/stream", produces = MediaType.TEXT_EVENT_STREAM)
    public Flux<Event<?>> stream() {
        XdsClientsFeed local = local();
        return streams.hold(() -> Flux.merge(local.events(),
                Flux.interval(KEEP_ALIVE).map(tick -> Event.of("").comment("keep-alive"))));
    }

    private XdsClientsFeed local() {
        return feed.orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, NOT_HERE));
    }
}
