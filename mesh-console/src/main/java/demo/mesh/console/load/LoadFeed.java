package demo.mesh.console.load;

import demo.mesh.console.http.StreamLimit;
import io.micronaut.http.sse.Event;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * What {@code GET /api/load/stream} sends: {@code status} when a run starts or stops, {@code second} with each
 * second's counts, {@code shift} when a new split is seen (or not seen) in traffic. Seconds of the last
 * {@code history} and the latest shifts are replayed to a page that connects late, so its chart is not empty.
 */
@Singleton
public class LoadFeed {

    /** Comment lines keep idle connections open through proxies that drop silent ones. */
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(20);
    /** Enough for a page to show the last shift of every route it has. */
    private static final int SHIFTS_KEPT = 20;

    private final StreamLimit streams;
    private final Sinks.Many<SecondCounts> seconds;
    private final Sinks.Many<ShiftReport> shifts = Sinks.many().replay().limit(SHIFTS_KEPT);
    private final Sinks.Many<LoadStatus> statuses = Sinks.many().multicast().directBestEffort();

    public LoadFeed(LoadConfiguration configuration) {
        this.streams = new StreamLimit(configuration.maxStreams(), "the load", LoadConfiguration.PREFIX + ".max-streams");
        this.seconds = Sinks.many().replay().limit(configuration.history());
    }

    // Runs, the ticker and the route watch publish from different threads; a sink takes one emitter at a time.
    synchronized void publish(SecondCounts second) {
        seconds.tryEmitNext(second);
    }

    synchronized void publish(ShiftReport shift) {
        shifts.tryEmitNext(shift);
    }

    synchronized void publish(LoadStatus status) {
        statuses.tryEmitNext(status);
    }

    /**
     * A new stream that starts with the status as it is now, or a refusal when {@code max-streams} pages are
     * already following: each holds a connection for as long as it is open.
     */
    public Flux<Event<?>> open(Supplier<LoadStatus> currentStatus) {
        return streams.hold(() -> {
            Flux<Event<?>> live = Flux.merge(
                    statuses.asFlux().map(status -> Event.of(status).name("status")),
                    seconds.asFlux().map(second -> Event.of(second).name("second")),
                    shifts.asFlux().map(shift -> Event.of(shift).name("shift")),
                    Flux.interval(KEEP_ALIVE).map(tick -> Event.of("").comment("keep-alive")));
            return Flux.concat(
                    Flux.just(Event.of("").comment("connected"), Event.of(currentStatus.get()).name("status")),
                    live);
        });
    }

    @PreDestroy
    void close() {
        seconds.tryEmitComplete();
        shifts.tryEmitComplete();
        statuses.tryEmitComplete();
    }
}
