package demo.mesh.console.kubernetes;

import demo.mesh.console.routing.ChangeLog;
import demo.mesh.console.routing.ChangeRecord;
import demo.mesh.console.routing.RouteRef;
import demo.mesh.console.routing.WeightSplit;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.MicroTimeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Records each applied split as a Kubernetes Event on the VirtualService, readable with
 * {@code kubectl describe virtualservice} or {@code kubectl get events}, and reads the history back from them.
 * The split before and after travel as annotations so revert does not have to parse the message.
 * Events expire with the API server's event TTL (one hour by default).
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
    public void record(RouteRef ref, String route, Map<String, Integer> before, Map<String, Integer> after, String user,
                       @Nullable String reason) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String message = ChangeRecord.describe(ref, route, before, after, user, reason);
        Event event = new EventBuilder()
                .withNewMetadata()
                    .withNamespace(ref.namespace())
                    .withName(ref.name() + "." + Long.toHexString(now.getEpochSecond() * 1_000_000 + now.getNano() / 1000))
                    .addToLabels(ControllerOwnership.MANAGED_BY_LABEL, COMPONENT)
                    .addToAnnotations(ROUTE, route)
                    .addToAnnotations(BEFORE, WeightSplit.describe(before))
                    .addToAnnotations(AFTER, WeightSplit.describe(after))
                    .addToAnnotations(USER, user)
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

    @Override
    public List<ChangeRecord> history(RouteRef ref) {
        List<Event> events = KubernetesCalls.call("Events in namespace " + ref.namespace(), () -> client.v1().events()
                .inNamespace(ref.namespace())
                .withLabel(ControllerOwnership.MANAGED_BY_LABEL, COMPONENT)
                .list().getItems());
        return events.stream()
                .filter(e -> REASON.equals(e.getReason()))
                .filter(e -> "VirtualService".equals(e.getInvolvedObject().getKind())
                        && ref.name().equals(e.getInvolvedObject().getName()))
                .sorted(Comparator.comparing(KubernetesEventChangeLog::time).reversed())
                .map(e -> toRecord(ref, e))
                .toList();
    }

    private static ChangeRecord toRecord(RouteRef ref, Event event) {
        Map<String, String> annotations = Objects.requireNonNullElse(event.getMetadata().getAnnotations(), Map.of());
        return new ChangeRecord(time(event), ref.namespace(), ref.name(), annotations.get(ROUTE),
                parse(annotations.get(BEFORE)), parse(annotations.get(AFTER)), annotations.get(USER), event.getMessage(),
                annotations.get(REASON_ANNOTATION));
    }

    private static String fitted(String message) {
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 1) + "…";
    }

    private static String time(Event event) {
        if (event.getEventTime() != null && event.getEventTime().getTime() != null) {
            return event.getEventTime().getTime();
        }
        return Objects.requireNonNullElse(event.getLastTimestamp(), "");
    }

    /** Reads back {@link WeightSplit#describe}: {@code v1=90 v2=10}. */
    private static Map<String, Integer> parse(String split) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        if (split != null) {
            for (String pair : split.trim().split("\\s+")) {
                int eq = pair.lastIndexOf('=');
                if (eq > 0) {
                    weights.put(pair.substring(0, eq), Integer.parseInt(pair.substring(eq + 1)));
                }
            }
        }
        return weights;
    }

    private static String reportingInstance() {
        return Objects.requireNonNullElse(System.getenv("HOSTNAME"), COMPONENT);
    }
}
