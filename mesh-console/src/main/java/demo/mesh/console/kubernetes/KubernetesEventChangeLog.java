package demo.mesh.console.kubernetes;

import demo.mesh.console.routing.ChangeLog;
import demo.mesh.console.routing.ChangeNotice;
import demo.mesh.console.routing.RouteRef;
import demo.mesh.console.routing.WeightSplit;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.MicroTimeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;

/**
 * Announces each applied split as a Kubernetes Event on the VirtualService, readable with
 * {@code kubectl describe virtualservice} or {@code kubectl get events}, with the split before and after, the user
 * and the reason as annotations for tools. Events expire with the API server's event TTL (one hour by default);
 * the history the console serves is kept with the VirtualService itself.
 */
@Singleton
@Requires(property = "mesh-console.mode", value = "kubernetes")
public class KubernetesEventChangeLog implements ChangeLog {

    static final String COMPONENT = "mesh-console";
    static final String REASON = "TrafficShifted";
    private static final String PREFIX = "mesh-console.demo.mesh/";
    private static final String ROUTE = PREFIX + "route";
    private static final String BEFORE = PREFIX + "before";
    private static final String AFTER = PREFIX + "after";
    private static final String USER = PREFIX + "user";
    private static final String REASON_ANNOTATION = PREFIX + "reason";
    /** The API server refuses an Event whose message is longer; the whole reason is kept in an annotation. */
    static final int MAX_MESSAGE = 1024;
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX")
            .withZone(ZoneOffset.UTC);

    private final KubernetesClient client;

    public KubernetesEventChangeLog(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public void record(ChangeNotice notice) {
        RouteRef ref = notice.ref();
        String reason = notice.cause().reason();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String message = notice.describe();
        Event event = new EventBuilder()
                .withNewMetadata()
                    .withNamespace(ref.namespace())
                    .withName(ref.name() + "." + Long.toHexString(now.getEpochSecond() * 1_000_000 + now.getNano() / 1000))
                    .addToLabels(ControllerOwnership.MANAGED_BY_LABEL, COMPONENT)
                    .addToAnnotations(ROUTE, notice.route())
                    .addToAnnotations(BEFORE, WeightSplit.describe(notice.before()))
                    .addToAnnotations(AFTER, WeightSplit.describe(notice.after()))
                    .addToAnnotations(USER, notice.user())
                    .addToAnnotations(reason == null ? Map.of() : Map.of(REASON_ANNOTATION, reason))
                .endMetadata()
                .withNewInvolvedObject()
                    .withApiVersion("networking.istio.io/v1")
                    .withKind("VirtualService")
                    .withNamespace(ref.namespace())
                    .withName(ref.name())
                .endInvolvedObject()
                .withType("Normal")
                .withReason(REASON)
                .withAction("ShiftTraffic")
                .withMessage(fitted(message))
                .withNewSource().withComponent(COMPONENT).endSource()
                .withReportingComponent(COMPONENT)
                .withReportingInstance(reportingInstance())
                .withEventTime(new MicroTimeBuilder().withTime(MICROS.format(now)).build())
                .withFirstTimestamp(DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS)))
                .withLastTimestamp(DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS)))
                .withCount(1)
                .build();
        KubernetesCalls.call("Event for VirtualService " + ref, () -> client.v1().events().inNamespace(ref.namespace()).resource(event).create());
    }

    private static String fitted(String message) {
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 1) + "…";
    }

    private static String reportingInstance() {
        return Objects.requireNonNullElse(System.getenv("HOSTNAME"), COMPONENT);
    }
}
