package demo.mesh.console.kubernetes;

import demo.mesh.console.routing.ChangeLog;
import demo.mesh.console.routing.ChangeNotice;
import demo.mesh.console.routing.HeaderCanaryChange;
import demo.mesh.console.routing.RouteRef;
import demo.mesh.console.routing.WeightSplit;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Announces each applied split and header canary change as a Kubernetes Event on the VirtualService, with the split
 * before and after, the user and the reason as annotations for tools. Sent by the {@link EventRecorder}, so a shift
 * answers after its one write; the history the console serves is kept with the VirtualService itself.
 */
@Singleton
@Requires(property = "mesh-console.mode", value = "kubernetes")
public class KubernetesEventChangeLog implements ChangeLog {

    static final String REASON = "TrafficShifted";
    static final String HEADER_CANARY_REASON = "HeaderCanaryChanged";
    private static final String PREFIX = "mesh-console.demo.mesh/";
    private static final String ROUTE = PREFIX + "route";
    private static final String BEFORE = PREFIX + "before";
    private static final String AFTER = PREFIX + "after";
    private static final String USER = PREFIX + "user";
    private static final String REASON_ANNOTATION = PREFIX + "reason";

    private final EventRecorder events;

    public KubernetesEventChangeLog(EventRecorder events) {
        this.events = events;
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
        events.record(new EventRecorder.VirtualServiceEvent(notice.ref(), EventRecorder.Type.Normal, REASON,
                "ShiftTraffic", notice.describe(), annotations));
    }

    @Override
    public void recordHeaderCanary(RouteRef ref, String route, HeaderCanaryChange change, String user) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(ROUTE, route);
        annotations.put(BEFORE, change.before() == null ? "none" : change.before().describe());
        annotations.put(AFTER, change.after() == null ? "none" : change.after().describe());
        annotations.put(USER, user);
        events.record(new EventRecorder.VirtualServiceEvent(ref, EventRecorder.Type.Normal, HEADER_CANARY_REASON,
                "SetHeaderCanary", change.describe(ref, route, user), annotations));
    }
}
