package demo.mesh.xds;

import java.time.Instant;

/**
 * What one connected xDS client (one ADS stream) has done with the routing it was sent, like a line of {@code
 * istioctl proxy-status} for a proxyless gRPC client.
 *
 * @param node        the node id from the client's bootstrap, e.g. {@code access-app}
 * @param connectedAt when its stream opened
 * @param acked       the version it last accepted of each resource type
 * @param rejected    the last version it refused and why; null when it has accepted everything since
 * @param upToDate    whether it has accepted the newest publish of every resource type it asked for
 */
public record XdsClientStatus(String node, Instant connectedAt, AckedVersions acked, Rejection rejected, boolean upToDate) {

    /** Each null when the client has not accepted any version of that type (or never asked for it). */
    public record AckedVersions(String listeners, String routes, String clusters, String endpoints) {
    }

    /**
     * @param type    {@code listeners}, {@code routes}, {@code clusters} or {@code endpoints}
     * @param version the version the client refused; it keeps the one it had
     * @param reason  the client's own words
     * @param at      when it refused
     */
    public record Rejection(String type, String version, String reason, Instant at) {
    }
}
