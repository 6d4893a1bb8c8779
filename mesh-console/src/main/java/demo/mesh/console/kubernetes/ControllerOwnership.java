package demo.mesh.console.kubernetes;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;

import java.util.Map;
import java.util.Optional;

/**
 * Detects VirtualServices that a progressive-delivery controller owns. Such a controller rewrites the weights on
 * its next reconcile, so an edit from the console would be silently undone.
 */
final class ControllerOwnership {

    static final String ARGO_ROLLOUTS_ANNOTATION = "argo-rollouts.argoproj.io/managed-by-rollouts";
    static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";

    private ControllerOwnership() {
    }

    /** Who manages the object, e.g. "Flagger (Canary podinfo)", or empty when nobody but people do. */
    static Optional<String> managedBy(ObjectMeta metadata) {
        for (OwnerReference owner : metadata.getOwnerReferences()) {
            if (Boolean.TRUE.equals(owner.getController()) || isKnownController(owner)) {
                return Optional.of(controllerName(owner) + " (" + owner.getKind() + " " + owner.getName() + ")");
            }
        }
        Map<String, String> annotations = metadata.getAnnotations() != null ? metadata.getAnnotations() : Map.of();
        if (annotations.containsKey(ARGO_ROLLOUTS_ANNOTATION)) {
            return Optional.of("Argo Rollouts (Rollout " + annotations.get(ARGO_ROLLOUTS_ANNOTATION) + ")");
        }
        Map<String, String> labels = metadata.getLabels() != null ? metadata.getLabels() : Map.of();
        String managedBy = labels.getOrDefault(MANAGED_BY_LABEL, "").toLowerCase();
        if (managedBy.equals("flagger")) {
            return Optional.of("Flagger (label " + MANAGED_BY_LABEL + ")");
        }
        if (managedBy.equals("argo-rollouts")) {
            return Optional.of("Argo Rollouts (label " + MANAGED_BY_LABEL + ")");
        }
        return Optional.empty();
    }

    private static boolean isKnownController(OwnerReference owner) {
        return !controllerName(owner).equals(owner.getKind());
    }

    private static String controllerName(OwnerReference owner) {
        String apiVersion = owner.getApiVersion() != null ? owner.getApiVersion() : "";
        if (apiVersion.startsWith("flagger.app/")) {
            return "Flagger";
        }
        if (apiVersion.startsWith("argoproj.io/")) {
            return "Argo Rollouts";
        }
        return owner.getKind();
    }
}
