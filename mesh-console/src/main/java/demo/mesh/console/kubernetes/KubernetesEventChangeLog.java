package demo.mesh.console.kubernetes;

import demo.mesh.console.routing.ChangeLog;
import demo.mesh.console.routing.ChangeNotice;
import demo.mesh.console.routing.HeaderCanaryChange;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Announces each applied split and header canary change as a Kubernetes Event on the VirtualService, readable with
 * {@code kubectl describe virtualservice} or {@code kubectl get events}, with the split before and after, the user
 * and the reason as annotations for tools. Events expire with the API server's event TTL (one hour by default);
 * the history the console serves is kept with the VirtualService itself.
 */
@Singleton
@Requires(property = "mesh-console.mode", value = "kubernetes")
public class KubernetesEventChangeLog implements ChangeLog {

    static final String COMPONENT = "mesh-console";
    static final String REASON = "TrafficShifted";
    static final String HEADER_CANARY_REASON = "HeaderCanaryChanged";
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
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(ROUTE, notice.route());
        annotations.put(BEFORE, WeightSplit.describe(notice.before()));
        annotations.put(AFTER, WeightSplit.describe(notice.after()));
        annotations.put(USER, notice.user());
        if (notice.cause().reason() != null) {
            annotations.put(REASON_ANNOTATION, notice.cause().reason());
        }
        publish(notice.ref(), annotations, REASON, "ShiftTraffic", notice.describe());
    }

    @Override
    public void recordHeaderCanary(RouteRef ref, String route, HeaderCanaryChange change, String user) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(ROUTE, route);
        annotations.put(BEFORE, change.before() == null ? "none" : change.before().describe());
        annotations.put(AFTER, change.after() == null ? "none" : change.after().describe());
        annotations.put(USER, user);
        publish(ref, annotations, HEADER_CANARY_REASON, "SetHeaderCanary", change.describe(ref, route, user));
    }

    private void publish(RouteRef ref, Map<String, String> annotations, String reason, String action, String message) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Event event = new EventBuilder()
                .withNewMetadata()
                    .withNamespace(ref.namespace())
                    .withName(ref.name() + "." + Long.toHexString(now.getEpochSecond() * 1_000_000 + now.getNano() / 1000))
                    .addToLabels(ControllerOwnership.MANAGED_BY_LABEL, COMPONENT)
                    .addToAnnotations(annotations)
                .endMetadata()
                .withNewInvolvedObject()
                    .withApiVersion("networking.istio.io/v1")
                    .withKind("VirtualService")
                    .withNamespace(ref.namespace())
                    .withName(ref.name())
                .endInvolvedObject()
                .withType("Normal")
                .withReason(reason)
                .withAction(action)
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
