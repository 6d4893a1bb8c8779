package demo.mesh.xds;

/** The four resource types a gRPC client asks for, by the names the console shows. */
final class XdsTypes {

    static final String LISTENERS = "listeners";
    static final String ROUTES = "routes";
    static final String CLUSTERS = "clusters";
    static final String ENDPOINTS = "endpoints";

    private XdsTypes() {
    }

    /** {@code type.googleapis.com/envoy.config.route.v3.RouteConfiguration} → {@code routes}. */
    static String of(String typeUrl) {
        String message = typeUrl.substring(typeUrl.lastIndexOf('.') + 1);
        return switch (message) {
            case "Listener" -> LISTENERS;
            case "RouteConfiguration" -> ROUTES;
            case "Cluster" -> CLUSTERS;
            case "ClusterLoadAssignment" -> ENDPOINTS;
            default -> message;
        };
    }
}
