package demo.mesh.console.security;

import demo.mesh.console.KubernetesStandIn;
import io.fabric8.kubernetes.api.model.Event;

import java.util.List;

/** What the role tests send and check: a split request, and the Events the console recorded. */
final class Changes {

    static final String LOGIC_APP = "/api/routes/" + KubernetesStandIn.NAMESPACE + "/logic-app";

    private Changes() {
    }

    static String split(String resourceVersion, int v1, int v2) {
        return "{\"weights\":{\"v1\":" + v1 + ",\"v2\":" + v2 + "},\"resourceVersion\":\"" + resourceVersion + "\"}";
    }

    static List<Event> events(KubernetesStandIn standIn) {
        return standIn.client().v1().events().inNamespace(KubernetesStandIn.NAMESPACE).list().getItems();
    }
}
