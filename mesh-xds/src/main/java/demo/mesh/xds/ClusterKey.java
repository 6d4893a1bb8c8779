package demo.mesh.xds;

/**
 * One xDS cluster: a subset of a Service, or the whole Service when a route names no subset.
 *
 * @param subset the DestinationRule subset, or {@code null} for every instance of the host
 */
record ClusterKey(ServiceHost host, String subset) {

    /**
     * Istio's {@code outbound|PORT|SUBSET|HOST} without the port (local endpoints carry their own), so the names in
     * client logs read like the ones a cluster shows: {@code outbound|v1|logic-app.mesh-demo.svc.cluster.local}.
     */
    String name() {
        return "outbound|" + (subset == null ? "" : subset) + "|" + host.fqdn();
    }

    String describe() {
        return subset == null ? "every instance of " + host.name() : "subset " + subset + " of " + host.name();
    }
}
