package demo.mesh.xds;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * One client's ADS stream as the server saw it: what it asked for, what it was sent, what it accepted and what it
 * refused. Requests arrive on the stream's thread, responses on whichever thread published, hence the locking.
 */
final class XdsStream {

    private final String nodeId;
    private final Instant connectedAt;
    /** Resource type → the version last accepted; "" for a type asked for but never accepted. */
    private final Map<String, String> accepted = new LinkedHashMap<>();
    /** Resource type → the last response sent: a refusal names its nonce, and the version is found here. */
    private final Map<String, Sent> sent = new HashMap<>();
    private XdsClientStatus.Rejection rejected;

    XdsStream(String nodeId, Instant connectedAt) {
        this.nodeId = nodeId;
        this.connectedAt = connectedAt;
    }

    String nodeId() {
        return nodeId;
    }

    synchronized void asked(String type) {
        accepted.putIfAbsent(type, "");
    }

    synchronized void sent(String type, String nonce, String version) {
        sent.put(type, new Sent(nonce, version));
    }

    /**
     * @return whether {@code version} is new for {@code type}: clients repeat the version they hold in every request,
     * and only a new one means they accepted something
     */
    synchronized boolean accepted(String type, String version) {
        if (version.equals(accepted.put(type, version))) {
            return false;
        }
        if (rejected != null && rejected.type().equals(type)) {
            // A later version of the type it refused went in: the refusal is history.
            rejected = null;
        }
        return true;
    }

    /** @return the version refused: the one sent with {@code nonce}, or "" when that response is not known */
    synchronized String rejected(String type, String nonce, String reason, Instant at) {
        Sent response = sent.get(type);
        String version = response != null && response.nonce().equals(nonce) ? response.version() : "";
        rejected = new XdsClientStatus.Rejection(type, version, reason, at);
        return version;
    }

    /** Whether it accepted {@code version} of every type it asked for (and asked for something). */
    synchronized boolean holds(String version) {
        return !accepted.isEmpty() && accepted.values().stream().allMatch(version::equals);
    }

    /** The lowest of the versions it accepted, by {@code order}: the version it has every part of. */
    synchronized long applied(ToLongFunction<String> order) {
        return accepted.values().stream().mapToLong(order).min().orElse(0);
    }

    synchronized boolean hasAsked() {
        return !accepted.isEmpty();
    }

    synchronized XdsClientStatus status(String newest) {
        XdsClientStatus.AckedVersions acked = new XdsClientStatus.AckedVersions(
                acceptedOf(XdsTypes.LISTENERS), acceptedOf(XdsTypes.ROUTES),
                acceptedOf(XdsTypes.CLUSTERS), acceptedOf(XdsTypes.ENDPOINTS));
        return new XdsClientStatus(nodeId, connectedAt, acked, rejected, newest != null && holds(newest));
    }

    private String acceptedOf(String type) {
        String version = accepted.get(type);
        return version == null || version.isEmpty() ? null : version;
    }

    private record Sent(String nonce, String version) {
    }
}
