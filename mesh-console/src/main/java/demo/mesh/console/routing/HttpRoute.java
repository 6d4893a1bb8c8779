package demo.mesh.console.routing;

import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP route of a VirtualService. Unnamed routes are called {@code http[i]} after their position, which is also
 * how callers address them. Only a weighted route (two or more destinations) can have its split set; the others are
 * shown so that a card tells the whole story, the header canaries in front of the split included.
 *
 * @param match        the route's {@code match} list exactly as the VirtualService holds it, or null when it matches
 *                     every request
 * @param headerCanaries for a weighted route, the header routes just in front of it that the console can change or
 *                       remove, in spec order; empty when there are none, and always for the other routes
 */
@Serdeable
public record HttpRoute(String name, List<Destination> destinations, @Nullable List<Map<String, Object>> match,
                        List<HeaderCanary> headerCanaries) {

    @Creator
    public HttpRoute {
        destinations = List.copyOf(destinations);
        headerCanaries = headerCanaries == null ? List.of() : List.copyOf(headerCanaries);
    }

    /** A route without a match and without header canaries, as most splits are. */
    public HttpRoute(String name, List<Destination> destinations) {
        this(name, destinations, null, List.of());
    }

    /** The header canary in front of it that matches {@code header}, if there is one. */
    public Optional<HeaderCanary> headerCanary(String header) {
        return headerCanaries.stream().filter(canary -> canary.header().equals(header)).findFirst();
    }

    /** Whether its split can be set: it has two or more destinations. */
    public boolean weighted() {
        return destinations.size() >= 2;
    }

    /** The current split as {@code key -> weight}, in destination order. */
    public Map<String, Integer> weights() {
        Map<String, Integer> weights = new LinkedHashMap<>();
        destinations.forEach(d -> weights.put(d.key(), d.weight()));
        return weights;
    }
}
