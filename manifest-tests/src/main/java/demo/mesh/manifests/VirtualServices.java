package demo.mesh.manifests;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** The routes and destinations of a VirtualService, each with its field path for messages. */
public final class VirtualServices {

    private static final List<String> ROUTE_TYPES = List.of("http", "tcp", "tls");

    private VirtualServices() {
    }

    /** One entry of spec.http, spec.tcp or spec.tls. */
    public record Route(String path, JsonNode node) {

        /** The route's name, or its path when it has none. */
        public String label() {
            return node.hasNonNull("name") ? "'" + node.get("name").asText() + "'" : path;
        }

        public List<Destination> destinations() {
            List<Destination> destinations = new ArrayList<>();
            JsonNode route = node.path("route");
            for (int i = 0; i < route.size(); i++) {
                destinations.add(new Destination(path + ".route[" + i + "]", route.get(i)));
            }
            return destinations;
        }
    }

    /** One weighted destination of a route ({@code route[i]}, holding destination and weight). */
    public record Destination(String path, JsonNode node) {

        public String host() {
            return node.path("destination").path("host").asText();
        }

        public String subset() {
            return node.path("destination").path("subset").asText("");
        }

        public JsonNode port() {
            return node.path("destination").path("port").path("number");
        }
    }

    public static List<Route> routes(Manifest virtualService) {
        List<Route> routes = new ArrayList<>();
        for (String type : ROUTE_TYPES) {
            JsonNode list = virtualService.at("/spec/" + type);
            for (int i = 0; i < list.size(); i++) {
                routes.add(new Route("spec." + type + "[" + i + "]", list.get(i)));
            }
        }
        return routes;
    }

    public static List<Destination> destinations(Manifest virtualService) {
        return routes(virtualService).stream().flatMap(r -> r.destinations().stream()).toList();
    }
}
