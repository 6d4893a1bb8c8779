package demo.mesh.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions on splits, named for what they check. */
public final class RouteAssertions {

    private RouteAssertions() {
    }

    /** The weights of a route as the API answers it ({@code routes[]} element), in destination order. */
    public static void assertWeights(JsonNode route, int... weights) {
        List<Integer> actual = new ArrayList<>();
        route.path("destinations").forEach(d -> actual.add(d.path("weight").asInt()));
        assertThat(actual).as("weights of route %s", route.path("name").asText()).containsExactly(box(weights));
    }

    /** The weights stored in the API server for {@code spec.http[httpIndex]}, in destination order. */
    public static void assertStoredWeights(GenericKubernetesResource vs, int httpIndex, int... weights) {
        assertThat(routeDestinations(vs, httpIndex).stream().map(d -> ((Number) d.get("weight")).intValue()).toList())
                .as("stored weights of %s http[%d]", vs.getMetadata().getName(), httpIndex)
                .containsExactly(box(weights));
    }

    /** The destinations of {@code spec.http[httpIndex]} of a stored VirtualService, to edit as another tool would. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> routeDestinations(GenericKubernetesResource vs, int httpIndex) {
        Map<String, Object> spec = (Map<String, Object>) vs.getAdditionalProperties().get("spec");
        List<Map<String, Object>> http = (List<Map<String, Object>>) spec.get("http");
        return (List<Map<String, Object>>) http.get(httpIndex).get("route");
    }

    /** The one route of a VirtualService as the API answers it, by name. */
    public static JsonNode route(JsonNode virtualService, String name) {
        for (JsonNode route : virtualService.path("routes")) {
            if (route.path("name").asText().equals(name)) {
                return route;
            }
        }
        throw new AssertionError("no route " + name + " in " + virtualService);
    }

    /** A {@code route} event of {@code /api/events}: what happened, to which VirtualService, and one route's weights. */
    public static void assertRouteChange(JsonNode change, String type, String name, String route, int... weights) {
        assertThat(change.path("type").asText()).as("change type in %s", change).isEqualTo(type);
        assertThat(change.path("name").asText()).as("VirtualService in %s", change).isEqualTo(name);
        assertWeights(route(change.path("current"), route), weights);
    }

    private static Integer[] box(int... values) {
        Integer[] boxed = new Integer[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }
}
