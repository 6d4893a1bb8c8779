package demo.mesh.console.http;

import reactor.core.publisher.Flux;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * How many clients may follow one kind of event stream at once. Each open stream holds a connection, a subscriber
 * and a keep-alive timer for as long as its client keeps it, and reads may be open to anyone: without a cap, one
 * script opening streams in a loop would use them all up.
 */
public final class StreamLimit {

    private final int max;
    private final String refusal;
    private final AtomicInteger open = new AtomicInteger();

    /**
     * @param what    what the streams follow, for the refusal: "the load", "route changes"
     * @param setting the setting that sets {@code max}, so the refusal says what to change
     */
    public StreamLimit(int max, String what, String setting) {
        this.max = max;
        this.refusal = max + " pages are already following " + what + " (the limit, " + setting
                + "); close one and reload";
    }

    /** The stream, holding a place until it ends, however it ends (the client hanging up included). */
    public <T> Flux<T> hold(Supplier<Flux<T>> stream) {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            throw new StreamLimitException(refusal);
        }
        try {
            return stream.get().doFinally(signal -> open.decrementAndGet());
        } catch (RuntimeException e) {
            open.decrementAndGet();
            throw e;
        }
    }

    /** Every place is taken; answered 503 with the message. */
    public static final class StreamLimitException extends RuntimeException {

        StreamLimitException(String message) {
            super(message);
        }
    }
}
