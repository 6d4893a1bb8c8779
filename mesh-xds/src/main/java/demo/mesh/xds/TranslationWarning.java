package demo.mesh.xds;

/**
 * Something in the routing files that the proxyless gRPC data plane does not act on. The rest of the routing is
 * served; the warning says what is left out and why, so nothing is dropped silently.
 *
 * @param object the Istio object, e.g. {@code DestinationRule mesh-demo/logic-app}
 * @param field  the field path inside it, e.g. {@code spec.trafficPolicy.connectionPool.tcp.maxConnections}
 * @param reason why it is not served, in words a user of the demo understands
 */
public record TranslationWarning(String object, String field, String reason) {

    @Override
    public String toString() {
        return object + ": " + field + ": " + reason;
    }
}
