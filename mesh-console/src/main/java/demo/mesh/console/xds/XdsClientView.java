package demo.mesh.console.xds;

import demo.mesh.xds.XdsClientStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One connected proxyless gRPC client as {@code GET /api/xds/clients} shows it.
 *
 * @param node        the node id from its bootstrap
 * @param connectedAt when its xDS stream opened (ISO-8601)
 * @param acked       the version it last accepted of each resource type; null where it has accepted none
 * @param rejected    the last version it refused and why; null when it accepted everything sent since
 * @param upToDate    whether it holds the newest routing the console served, in every resource type it asked for
 */
@Serdeable
public record XdsClientView(String node, String connectedAt, Acked acked, @Nullable Rejected rejected, boolean upToDate) {

    static XdsClientView of(XdsClientStatus status) {
        XdsClientStatus.AckedVersions acked = status.acked();
        XdsClientStatus.Rejection rejection = status.rejected();
        return new XdsClientView(status.node(), status.connectedAt().toString(),
                new Acked(acked.listeners(), acked.routes(), acked.clusters(), acked.endpoints()),
                rejection == null ? null : new Rejected(rejection.type(), rejection.version(), rejection.reason()),
                status.upToDate());
    }

    @Serdeable
    public record Acked(@Nullable String listeners, @Nullable String routes, @Nullable String clusters,
                        @Nullable String endpoints) {
    }

    /** @param type {@code listeners}, {@code routes}, {@code clusters} or {@code endpoints} */
    @Serdeable
    public record Rejected(String type, String version, String reason) {
    }
}
