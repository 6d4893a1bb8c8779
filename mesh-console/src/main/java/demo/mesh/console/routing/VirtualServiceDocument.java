package demo.mesh.console.routing;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A VirtualService read as plain JSON maps rather than fabric8's typed model, so that writing it back keeps every
 * field the console does not understand exactly as it was (unknown fields, field order, number formats).
 * The only things it ever changes are {@code weight} on the destinations of one route and single annotations.
 * Every mode edits through it, whether the VirtualService lives in the API server or in a file.
 */
public final class VirtualServiceDocument {

    private final GenericKubernetesResource resource;

    public VirtualServiceDocument(GenericKubernetesResource resource) {
        this.resource = resource;
    }

    public GenericKubernetesResource resource() {
        return resource;
    }

    public RouteRef ref() {
        return new RouteRef(resource.getMetadata().getNamespace(), resource.getMetadata().getName());
    }

    public String resourceVersion() {
        return resource.getMetadata().getResourceVersion();
    }

    /** HTTP routes with two or more destinations, in spec order; unnamed ones are called {@code http[i]}. */
    public List<WeightedRoute> weightedRoutes() {
        List<WeightedRoute> routes = new ArrayList<>();
        List<Map<String, Object>> http = httpRoutes();
        for (int i = 0; i < http.size(); i++) {
            List<Map<String, Object>> destinations = listOfMaps(http.get(i).get("route"));
            if (destinations.size() < 2) {
                continue;
            }
            routes.add(new WeightedRoute(routeName(http.get(i), i), destinations.stream().map(this::destination).toList()));
        }
        return routes;
    }

    /**
     * Sets the weight of each destination of the named route to {@code weights.get(key)}.
     *
     * @return true when at least one weight changed
     */
    public boolean setWeights(String routeName, Map<String, Integer> weights) {
        List<Map<String, Object>> http = httpRoutes();
        for (int i = 0; i < http.size(); i++) {
            if (routeName.equals(routeName(http.get(i), i))) {
                return setWeights(listOfMaps(http.get(i).get("route")), weights);
            }
        }
        throw new IllegalArgumentException("no route " + routeName + " in " + ref());
    }

    /** The annotations as stored; empty when there are none. */
    public Map<String, String> annotations() {
        Map<String, String> annotations = resource.getMetadata().getAnnotations();
        return annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    /**
     * Sets one annotation, or removes it when {@code value} is null, leaving the others as they were.
     *
     * @return true when the annotation changed
     */
    public boolean setAnnotation(String key, @Nullable String value) {
        Map<String, String> annotations = resource.getMetadata().getAnnotations();
        String old = annotations == null ? null : annotations.get(key);
        if (Objects.equals(old, value)) {
            return false;
        }
        Map<String, String> next = annotations == null ? new LinkedHashMap<>() : new LinkedHashMap<>(annotations);
        if (value == null) {
            next.remove(key);
        } else {
            next.put(key, value);
        }
        resource.getMetadata().setAnnotations(next.isEmpty() ? null : next);
        return true;
    }

    private static boolean setWeights(List<Map<String, Object>> destinations, Map<String, Integer> weights) {
        boolean changed = false;
        for (Map<String, Object> destination : destinations) {
            Integer weight = weights.get(key(destination));
            if (weight != null && weight != weightOf(destination)) {
                destination.put("weight", weight);
                changed = true;
            }
        }
        return changed;
    }

    private Destination destination(Map<String, Object> routeDestination) {
        Map<String, Object> target = map(routeDestination.get("destination"));
        return new Destination((String) target.get("host"), (String) target.get("subset"), weightOf(routeDestination));
    }

    private static String key(Map<String, Object> routeDestination) {
        Map<String, Object> target = map(routeDestination.get("destination"));
        Object subset = target.get("subset");
        return subset != null ? (String) subset : (String) target.get("host");
    }

    private static int weightOf(Map<String, Object> routeDestination) {
        Object weight = routeDestination.get("weight");
        return weight instanceof Number n ? n.intValue() : 0;
    }

    private static String routeName(Map<String, Object> httpRoute, int index) {
        Object name = httpRoute.get("name");
        return name instanceof String s && !s.isBlank() ? s : "http[" + index + "]";
    }

    private List<Map<String, Object>> httpRoutes() {
        return listOfMaps(map(resource.getAdditionalProperties().get("spec")).get("http"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> listOfMaps(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(Map.class::isInstance).map(m -> (Map<String, Object>) m).toList();
    }
}
