package demo.mesh.console.load;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import reactor.core.publisher.Flux;

/**
 * The load API. Starting and stopping are writes (signed in, CSRF token); status and the stream are reads, open
 * or not per {@code mesh-console.auth.open-reads}. No request says where the load goes: that is configuration.
 */
@Controller("/api/load")
public class LoadController {

    private final LoadGenerator generator;
    private final LoadRequestParser parser;
    private final LoadFeed feed;

    public LoadController(LoadGenerator generator, LoadRequestParser parser, LoadFeed feed) {
        this.generator = generator;
        this.parser = parser;
        this.feed = feed;
    }

    @Get
    public LoadStatus status() {
        return generator.status();
    }

    /** Starts a run, replacing the one going: {@code {"rate": 50, "durationSeconds": 120}}. */
    @Post
    @Consumes(MediaType.ALL)
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public LoadStatus start(HttpRequest<?> request, @Body @Nullable String body, Authentication user) {
        return generator.start(parser.parse(request.getContentType().orElse(null), body), user.getName());
    }

    @Delete
    @Consumes(MediaType.ALL)
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public LoadStatus stop(Authentication user) {
        return generator.stop(user.getName());
    }

    /** Server-Sent Events: {@code status}, {@code second} and {@code shift}; see {@link LoadFeed}. */
    @Get(value = "/stream", produces = MediaType.TEXT_EVENT_STREAM)
    public Flux<Event<?>> stream() {
        return feed.open(generator::status);
    }
}
