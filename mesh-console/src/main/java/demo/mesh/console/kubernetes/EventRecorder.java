package demo.mesh.console.kubernetes;

import demo.mesh.console.routing.RouteRef;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.MicroTimeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends Kubernetes Events about VirtualServices ({@code kubectl describe virtualservice}, {@code kubectl get events})
 * from a thread of its own, in the order they were recorded, as client-go's EventRecorder does for controllers. An
 * Event tells people what happened; it must neither hold up the change it tells of (a shift answers after its one
 * write) nor fail it. What the console serves as history is kept with the VirtualService, so an Event that cannot be
 * sent is logged and dropped. Events expire with the API server's event TTL (one hour by default).
 */
@Singleton
@Requires(property = "mesh-console.mode", value = "kubernetes")
public class EventRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
    static final String COMPONENT = "mesh-console";
    /** The API server refuses an Event whose message is longer; callers keep the whole text in an annotation. */
    static final int MAX_MESSAGE = 1024;
    /**
     * More unsent Events than this means the API server is not taking them: later ones are dropped with a warning
     * rather than held without end.
     */
    static final int QUEUE_LIMIT = 1000;
    /** How long stopping the console waits for Events still queued. */
    private static final Duration DRAIN_ON_STOP = Duration.ofSeconds(2);
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX")
            .withZone(ZoneOffset.UTC);

    private final KubernetesClient client;
    private final ThreadPoolExecutor sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE_LIMIT), EventRecorder::senderThread);
    private final AtomicLong lastMicros = new AtomicLong();

    public EventRecorder(KubernetesClient client) {
        this.client = client;
    }

    /** What one Event says about one VirtualService. */
    public record VirtualServiceEvent(RouteRef ref, Type type, String reason, String action, String message,
                                      Map<String, String> annotations) {
    }

    /** Kubernetes knows two, spelt as the API spells them: what went as meant, and what a person should look at. */
    public enum Type { Normal, Warning }

    /** Queues {@code event} to be sent; returns at once. */
    public void record(VirtualServiceEvent event) {
        Event built = build(event, uniqueMicros());
        try {
            sender.execute(() -> send(event.ref(), built));
        } catch (RejectedExecutionException e) {
            LOG.warn("Event for VirtualService {} dropped: {} Events are waiting for the Kubernetes API ({})",
                    event.ref(), QUEUE_LIMIT, event.message());
        }
    }

    /**
     * Waits until every Event recorded before this call has been sent or given up on.
     *
     * @return false when {@code timeout} passed first
     */
    public boolean flush(Duration timeout) {
        try {
            Future<?> marker = sender.submit(() -> { });
            marker.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | RejectedExecutionException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Sends what is queued, within a bound: a console being stopped should still tell of its last changes. */
    @PreDestroy
    void stop() throws InterruptedException {
        sender.shutdown();
        if (!sender.awaitTermination(DRAIN_ON_STOP.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("{} Events not sent before stopping", sender.shutdownNow().size());
        }
    }

    private void send(RouteRef ref, Event event) {
        try {
            client.v1().events().inNamespace(ref.namespace()).resource(event).create();
        } catch (KubernetesClientException e) {
            LOG.warn("Event for VirtualService {} not recorded ({}): {}", ref,
                    KubernetesCalls.translate("Event for VirtualService " + ref, e).getMessage(), event.getMessage());
        }
    }

    /**
     * Now, to the microsecond, but later than any time this recorder gave before: an Event's name is made of it, and
     * two Events about one VirtualService within a microsecond would otherwise share a name.
     */
    private Instant uniqueMicros() {
        Instant now = Instant.now();
        long micros = lastMicros.updateAndGet(last -> Math.max(last + 1, now.getEpochSecond() * 1_000_000 + now.getNano() / 1000));
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    private static Event build(VirtualServiceEvent event, Instant now) {
        RouteRef ref = event.ref();
        String seconds = DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS));
        return new EventBuilder()
                .withNewMetadata()
                    .withNamespace(ref.namespace())
                    // As client-go names them: the object's name and the time.
                    .withName(ref.name() + "." + Long.toHexString(now.getEpochSecond() * 1_000_000 + now.getNano() / 1000))
                    .addToLabels(ControllerOwnership.MANAGED_BY_LABEL, COMPONENT)
                    .addToAnnotations(event.annotations())
                .endMetadata()
                .withNewInvolvedObject()
                    .withApiVersion("networking.istio.io/v1")
                    .withKind("VirtualService")
                    .withNamespace(ref.namespace())
                    .withName(ref.name())
                .endInvolvedObject()
                .withType(event.type().name())
                .withReason(event.reason())
                .withAction(event.action())
                .withMessage(fitted(event.message()))
                .withNewSource().withComponent(COMPONENT).endSource()
                .withReportingComponent(COMPONENT)
                .withReportingInstance(reportingInstance())
                .withEventTime(new MicroTimeBuilder().withTime(MICROS.format(now)).build())
                .withFirstTimestamp(seconds)
                .withLastTimestamp(seconds)
                .withCount(1)
                .build();
    }

    private static String fitted(String message) {
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 1) + "…";
    }

    private static String reportingInstance() {
        return Objects.requireNonNullElse(System.getenv("HOSTNAME"), COMPONENT);
    }

    private static Thread senderThread(Runnable task) {
        Thread thread = new Thread(task, "kubernetes-events");
        thread.setDaemon(true);
        return thread;
    }
}
