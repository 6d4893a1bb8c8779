package demo.mesh.console.kubernetes;

import demo.mesh.console.routing.Destination;
import demo.mesh.console.routing.SubsetCheck;
import demo.mesh.console.routing.SubsetDefinitions;
import demo.mesh.console.routing.HttpRoute;
import io.fabric8.kubernetes.api.model.Pod;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Problems worth showing next to a route without blocking an edit: subsets no DestinationRule defines, and
 * subsets whose labels select no running pod (traffic sent there fails).
 */
final class RouteWarnings {

    private final KubernetesCache cache;
    private final SubsetDefinitions subsets;

    RouteWarnings(KubernetesCache cache, SubsetDefinitions subsets) {
        this.cache = cache;
        this.subsets = subsets;
    }

    List<String> of(List<HttpRoute> routes) {
        List<String> warnings = new ArrayList<>();
        for (HttpRoute route : routes) {
            warnings.addAll(SubsetCheck.undefinedSubsets(route, route.weights(), subsets));
            for (Destination d : route.destinations()) {
                if (d.subset() != null) {
                    subsets.labelsOf(d.host(), d.subset())
                            .filter(labels -> !hasRunningPod(subsets.namespaceOf(d.host()), labels))
                            .ifPresent(labels -> warnings.add("subset " + d.subset() + " of " + d.host()
                                    + " selects no running pod (labels " + selector(labels) + ")"));
                }
            }
        }
        return warnings.stream().distinct().toList();
    }

    private boolean hasRunningPod(String namespace, Map<String, String> labels) {
        return cache.pods(namespace).stream().anyMatch(pod -> isRunning(pod) && selects(labels, pod));
    }

    private static boolean selects(Map<String, String> labels, Pod pod) {
        Map<String, String> podLabels = pod.getMetadata().getLabels();
        return podLabels != null && podLabels.entrySet().containsAll(labels.entrySet());
    }

    private static boolean isRunning(Pod pod) {
        return pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase());
    }

    private static String selector(Map<String, String> labels) {
        return labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().collect(Collectors.joining(","));
    }
}
