package demo.mesh.console.security;

import demo.mesh.console.KubernetesStandIn;

/** What the role tests send: a split request. */
final class Changes {

    static final String LOGIC_APP = "/api/routes/" + KubernetesStandIn.NAMESPACE + "/logic-app";

    private Changes() {
    }

    static String split(String resourceVersion, int v1, int v2) {
        return "{\"weights\":{\"v1\":" + v1 + ",\"v2\":" + v2 + "},\"resourceVersion\":\"" + resourceVersion + "\"}";
    }
}
