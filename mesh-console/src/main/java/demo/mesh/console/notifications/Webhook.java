package demo.mesh.console.notifications;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * One namespace's webhook: a bounded queue of notices and one thread that delivers them in order, each tried again
 * with a growing wait while the receiver fails. Whoever hands in a notice never waits: when the queue is full the
 * oldest notice is dropped and counted. A receiver that is down or hangs holds up only its own namespace's notices.
 */
final class Webhook implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Webhook.class);

    private final String namespace;
    private final URI url;
    private final WebhookFormat format;
    private final Function<Notice, String> render;
    private final WebhookPost post;
    private final NotificationsConfiguration settings;
    private final Clock clock;
    private final LinkedBlockingDeque<Notice> queue;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile Instant lastDelivered;
    /** Whether the newest try failed. */
    private volatile boolean failing;
    /** Newest first; guarded by itself. */
    private final Deque<DeliveryFailure> failures = new ArrayDeque<>();
    private final Thread worker;

    /** @param render the notice as the receiver's format wants it */
    Webhook(String namespace, URI url, WebhookFormat format, Function<Notice, String> render, WebhookPost post,
            NotificationsConfiguration settings, Clock clock) {
        this.namespace = namespace;
        this.url = url;
        this.format = format;
        this.render = render;
        this.post = post;
        this.settings = settings;
        this.clock = clock;
        this.queue = new LinkedBlockingDeque<>(settings.queueSize());
        this.worker = new Thread(this::deliverAll, "webhook-" + namespace);
        worker.setDaemon(true);
        worker.start();
    }

    /** Queues {@code notice}; returns at once, dropping the oldest waiting notice when the queue is full. */
    void offer(Notice notice) {
        // Only offers synchronise: the worker's take can only make room, so the second offer always succeeds.
        synchronized (queue) {
            if (!queue.offerLast(notice)) {
                queue.pollFirst();
                dropped.incrementAndGet();
                LOG.warn("Webhook of {}: queue full ({}), oldest notice dropped", namespace, settings.queueSize());
                queue.offerLast(notice);
            }
        }
    }

    WebhookStatus status() {
        List<DeliveryFailure> recent;
        synchronized (failures) {
            recent = List.copyOf(failures);
        }
        Instant delivery = lastDelivered;
        return new WebhookStatus(format.json(), SecretUrl.redacted(url), failing, delivered.get(), failed.get(),
                dropped.get(), queue.size(), delivery == null ? null : delivery.toString(),
                recent.isEmpty() ? null : recent.get(0), recent);
    }

    @Override
    public void close() {
        worker.interrupt();
    }

    private void deliverAll() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Notice notice = queue.takeFirst();
                try {
                    deliver(notice);
                } catch (RuntimeException e) {
                    // A notice that cannot even be written must not end the thread that delivers all the others.
                    failed.incrementAndGet();
                    LOG.warn("Webhook of {}: {} of {} not sent", namespace, notice.kind(), notice.virtualService(), e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping: what is still queued is lost, as a full queue's oldest are
        }
    }

    private void deliver(Notice notice) throws InterruptedException {
        String body = render.apply(notice);
        for (int attempt = 1; ; attempt++) {
            Outcome outcome = post.send(url, body);
            if (outcome.delivered()) {
                delivered.incrementAndGet();
                lastDelivered = clock.instant();
                failing = false;
                return;
            }
            failing = true;
            keep(new DeliveryFailure(clock.instant().toString(), outcome.status(), outcome.reason(), attempt));
            if (!outcome.worthRetrying() || attempt == settings.attempts()) {
                failed.incrementAndGet();
                LOG.warn("Webhook of {}: {} of {} at {} not delivered after {} {}: {}", namespace, notice.kind(),
                        notice.virtualService(), notice.time(), attempt, attempt == 1 ? "try" : "tries",
                        outcome.reason());
                return;
            }
            Thread.sleep(settings.backoffAfter(attempt).toMillis());
        }
    }

    private void keep(DeliveryFailure failure) {
        synchronized (failures) {
            failures.addFirst(failure);
            while (failures.size() > settings.keptFailures()) {
                failures.removeLast();
            }
        }
    }
}
