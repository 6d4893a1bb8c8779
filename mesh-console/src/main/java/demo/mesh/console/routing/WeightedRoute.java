package demo.mesh.console.routing;

import io.micronaut.serde.annotation.Serdeable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP route that splits traffic between two or more destinations. Unnamed routes are called
 * {@code http[i]} after their position, which is also how callers address them.
 */
@Serdeable
public record WeightedRoute(String name, List<Destination> destinations) {

    public WeightedRoute {
        destinations = List.copyOf(destinations);
    }

    /** The current split as {@code key -> weight}, in destination order. */
    public Map<String, Integer> weights() {
        Map<String, Integer> weights = new LinkedHashMap<>();
        destinations.forEach(d -> weights.put(d.key(), d.weight()));
        return weights;
    }
}
