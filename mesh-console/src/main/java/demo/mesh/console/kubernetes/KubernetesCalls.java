package demo.mesh.console.kubernetes;

import demo.mesh.console.http.CallFailure;
import demo.mesh.console.routing.RoutingException;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.function.Supplier;

/** Turns fabric8 failures into {@link RoutingException}s that say what happened in the person's terms. */
final class KubernetesCalls {

    private KubernetesCalls() {
    }

    /**
     * Runs one API call.
     *
     * @param what names the object for messages, e.g. "VirtualService mesh-demo/logic-app"
     */
    static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            throw translate(what, e);
        }
    }

    /**
     * Lists Istio objects. A 404 on a list means the API server does not serve the type at all, which is what
     * an Istio older than 1.22 (no {@code networking.istio.io/v1}) or none looks like.
     */
    static <T> T listIstio(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                throw RoutingException.unavailable("the Kubernetes API does not serve " + what
                        + " in networking.istio.io/v1; install Istio 1.22 or newer", e);
            }
            throw translate(what, e);
        }
    }

    static RuntimeException translate(String what, KubernetesClientException e) {
        int code = e.getCode();
        if (code == 404) {
            return RoutingException.notFound(what + " not found");
        }
        if (code == 409) {
            return RoutingException.conflict(what + " was changed since you read it; reload and try again");
        }
        if (code == 401 || code == 403) {
            return RoutingException.unavailable("the Kubernetes API refused mesh-console access to " + what
                    + " (HTTP " + code + "); check the console's ServiceAccount and Role", e);
        }
        if (code <= 0) { // no HTTP answer at all
            return RoutingException.unavailable("the Kubernetes API is unreachable: " + CallFailure.why(e), e);
        }
        if (code >= 500) {
            return RoutingException.unavailable("the Kubernetes API failed on " + what + " (HTTP " + code + ")", e);
        }
        return e;
    }
}
