package demo.mesh.console.routing;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A VirtualService read as plain JSON maps rather than fabric8's typed model, so that writing it back keeps every
 * field the console does not understand exactly as it was (unknown fields, field order, number formats).
 * The only things it ever changes are {@code weight} on the destinations of one route, a header route in front of
 * one route, and single annotations.
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

    /** Every HTTP route in spec order, with its match and, for a weighted route, the header canaries in front of it. */
    public List<HttpRoute> httpRoutes() {
        List<HttpRoute> routes = new ArrayList<>();
        List<Map<String, Object>> http = httpList();
        for (int i = 0; i < http.size(); i++) {
            List<Destination> destinations = destinationsOf(i);
            List<HeaderCanary> canaries = destinations.size() < 2 ? List.of() : headerCanariesBefore(i, destinations);
            routes.add(new HttpRoute(routeName(http.get(i), i), destinations, match(http.get(i)), canaries));
        }
        return routes;
    }

    /** The routes whose split can be set: those with two or more destinations, in spec order. */
    public List<HttpRoute> weightedRoutes() {
        return httpRoutes().stream().filter(HttpRoute::weighted).toList();
    }

    /**
     * Sets the weight of each destination of the named route to {@code weights.get(key)}.
     *
     * @return true when at least one weight changed
     */
    public boolean setWeights(String routeName, Map<String, Integer> weights) {
        return setWeights(Json.listOfMaps(httpList().get(indexOf(routeName)).get("route")), weights);
    }

    /**
     * Makes the header route {@code canary.route()} send requests with the canary's header value to its subset:
     * changes that route's header condition and subset when it exists, and otherwise puts a new route of that name
     * just in front of {@code splitRoute}, pushing the routes from there on one place down. Routes match in order, so
     * in front of the split is where the header wins over the weights.
     */
    public void setHeaderCanary(String splitRoute, HeaderCanary canary) {
        int existing = findIndex(canary.route());
        if (existing >= 0) {
            HeaderRouteShape.update(httpList().get(existing), canary);
        } else {
            int split = indexOf(splitRoute);
            rawHttpList().add(split, HeaderRouteShape.create(canary, destinationsOf(split).get(0).host()));
        }
    }

    /** Removes the named route, pulling the routes after it one place up. */
    public void removeRoute(String routeName) {
        rawHttpList().remove(indexOf(routeName));
    }

    /** The names of the routes from {@code index} on that have none, and so are called after their position. */
    public List<String> unnamedRoutesFrom(int index) {
        List<Map<String, Object>> http = httpList();
        List<String> unnamed = new ArrayList<>();
        for (int i = index; i < http.size(); i++) {
            if (!(http.get(i).get("name") instanceof String s) || s.isBlank()) {
                unnamed.add(routeName(http.get(i), i));
            }
        }
        return unnamed;
    }

    /** The position of the named route in {@code spec.http}. */
    public int indexOf(String routeName) {
        int index = findIndex(routeName);
        if (index < 0) {
            throw new IllegalArgumentException("no route " + routeName + " in " + ref());
        }
        return index;
    }

    private int findIndex(String routeName) {
        List<Map<String, Object>> http = httpList();
        for (int i = 0; i < http.size(); i++) {
            if (routeName.equals(routeName(http.get(i), i))) {
                return i;
            }
        }
        return -1;
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

    /**
     * The header canaries just in front of the split at {@code index}, in spec order: the run of header routes to a
     * subset of its host that ends there. A split between hosts has none: a header route sends to one.
     */
    private List<HeaderCanary> headerCanariesBefore(int index, List<Destination> splitDestinations) {
        Set<String> hosts = new HashSet<>();
        splitDestinations.forEach(d -> hosts.add(d.host()));
        if (hosts.size() != 1) {
            return List.of();
        }
        String host = hosts.iterator().next();
        List<Map<String, Object>> http = httpList();
        List<HeaderCanary> canaries = new ArrayList<>();
        for (int i = index - 1; i >= 0; i--) {
            Optional<HeaderCanary> canary = HeaderRouteShape.read(http.get(i), routeName(http.get(i), i), host);
            if (canary.isEmpty()) {
                break;
            }
            canaries.add(0, canary.get());
        }
        return canaries;
    }

    private List<Destination> destinationsOf(int index) {
        return Json.listOfMaps(httpList().get(index).get("route")).stream().map(this::destination).toList();
    }

    private Destination destination(Map<String, Object> routeDestination) {
        Map<String, Object> target = Json.map(routeDestination.get("destination"));
        return new Destination((String) target.get("host"), (String) target.get("subset"), weightOf(routeDestination));
    }

    private static String key(Map<String, Object> routeDestination) {
        Map<String, Object> target = Json.map(routeDestination.get("destination"));
        Object subset = target.get("subset");
        return subset != null ? (String) subset : (String) target.get("host");
    }

    private static int weightOf(Map<String, Object> routeDestination) {
        Object weight = routeDestination.get("weight");
        return weight instanceof Number n ? n.intValue() : 0;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> match(Map<String, Object> httpRoute) {
        Object match = httpRoute.get("match");
        return match instanceof List<?> ? (List<Map<String, Object>>) Json.frozenCopy(match) : null;
    }

    private static String routeName(Map<String, Object> httpRoute, int index) {
        Object name = httpRoute.get("name");
        return name instanceof String s && !s.isBlank() ? s : "http[" + index + "]";
    }

    private List<Map<String, Object>> httpList() {
        return Json.listOfMaps(Json.map(resource.getAdditionalProperties().get("spec")).get("http"));
    }

    /** The stored list itself, for adding and removing routes; the routes a caller addresses exist, so it does. */
    @SuppressWarnings("unchecked")
    private List<Object> rawHttpList() {
        return (List<Object>) Json.map(resource.getAdditionalProperties().get("spec")).get("http");
    }
}
