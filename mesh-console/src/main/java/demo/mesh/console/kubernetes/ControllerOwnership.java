package demo.mesh.console.kubernetes;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Detects VirtualServices whose weights a progressive-delivery controller drives. Such a controller rewrites the
 * weights on its next reconcile, so an edit from the console would be silently undone. The marks are the ones the
 * controllers really write, and they are mostly not on the VirtualService:
 * <ul>
 *   <li>Argo Rollouts only changes the weights of the VirtualService it drives and never marks it; it annotates the
 *       DestinationRule of a subset-level canary and the stable and canary Services of a host-level one with
 *       {@value #ARGO_ROLLOUTS_ANNOTATION}: (the Rollout's name).</li>
 *   <li>Flagger sets a controller owner reference to its Canary ({@code flagger.app/v1beta1}) on the objects it
 *       creates: the VirtualService, and the {@code <name>-primary}/{@code <name>-canary} DestinationRules and
 *       Services its routes point at. A VirtualService that existed before the Canary is taken over without one,
 *       so the generated DestinationRules and Services are what gives Flagger away.</li>
 * </ul>
 * Pure functions of metadata; {@link RouteOwnership} reads the related objects.
 */
final class ControllerOwnership {

    static final String ARGO_ROLLOUTS_ANNOTATION = "argo-rollouts.argoproj.io/managed-by-rollouts";
    static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";

    /** An object a VirtualService's routes lead to: a DestinationRule for one of its hosts, or a Service it names. */
    record Related(String kind, ObjectMeta metadata) {
    }

    private ControllerOwnership() {
    }

    /**
     * Who manages the VirtualService, from its own metadata or else from the objects its routes lead to, e.g.
     * "Argo Rollouts (Rollout checkout, through DestinationRule checkout)"; empty when nobody but people do.
     */
    static Optional<String> managedBy(ObjectMeta virtualService, List<Related> related) {
        Optional<String> own = managedBy(virtualService);
        if (own.isPresent()) {
            return own;
        }
        // Only the two controllers' own marks count here: a Service owned by some other operator says nothing about
        // who sets the weights.
        for (Related object : related) {
            String through = ", through " + object.kind() + " " + object.metadata().getName() + ")";
            for (OwnerReference owner : ownerReferences(object.metadata())) {
                if (isKnownController(owner)) {
                    return Optional.of(controllerName(owner) + " (" + owner.getKind() + " " + owner.getName() + through);
                }
            }
            String rollout = annotations(object.metadata()).get(ARGO_ROLLOUTS_ANNOTATION);
            if (rollout != null) {
                return Optional.of("Argo Rollouts (Rollout " + rollout + through);
            }
        }
        return Optional.empty();
    }

    /** Who manages the object by its own metadata, e.g. "Flagger (Canary podinfo)", or empty. */
    static Optional<String> managedBy(ObjectMeta metadata) {
        return controllerOwner(metadata).or(() -> argoAnnotation(metadata)).or(() -> managedByLabel(metadata));
    }

    private static Optional<String> controllerOwner(ObjectMeta metadata) {
        for (OwnerReference owner : ownerReferences(metadata)) {
            if (Boolean.TRUE.equals(owner.getController()) || isKnownController(owner)) {
                return Optional.of(controllerName(owner) + " (" + owner.getKind() + " " + owner.getName() + ")");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> argoAnnotation(ObjectMeta metadata) {
        String rollout = annotations(metadata).get(ARGO_ROLLOUTS_ANNOTATION);
        return rollout == null ? Optional.empty() : Optional.of("Argo Rollouts (Rollout " + rollout + ")");
    }

    /** Neither controller writes this label; a person or another tool may mark an object it keeps in sync. */
    private static Optional<String> managedByLabel(ObjectMeta metadata) {
        Map<String, String> labels = Objects.requireNonNullElse(metadata.getLabels(), Map.of());
        return switch (labels.getOrDefault(MANAGED_BY_LABEL, "").toLowerCase()) {
            case "flagger" -> Optional.of("Flagger (label " + MANAGED_BY_LABEL + ")");
            case "argo-rollouts" -> Optional.of("Argo Rollouts (label " + MANAGED_BY_LABEL + ")");
            default -> Optional.empty();
        };
    }

    private static List<OwnerReference> ownerReferences(ObjectMeta metadata) {
        return Objects.requireNonNullElse(metadata.getOwnerReferences(), List.of());
    }

    private static Map<String, String> annotations(ObjectMeta metadata) {
        return Objects.requireNonNullElse(metadata.getAnnotations(), Map.of());
    }

    private static boolean isKnownController(OwnerReference owner) {
        return !controllerName(owner).equals(owner.getKind());
    }

    private static String controllerName(OwnerReference owner) {
        String apiVersion = Objects.requireNonNullElse(owner.getApiVersion(), "");
        if (apiVersion.startsWith("flagger.app/")) {
            return "Flagger";
        }
        if (apiVersion.startsWith("argoproj.io/")) {
            return "Argo Rollouts";
        }
        return owner.getKind();
    }
}
