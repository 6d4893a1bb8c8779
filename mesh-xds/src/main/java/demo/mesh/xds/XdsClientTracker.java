package demo.mesh.xds;

import io.envoyproxy.controlplane.server.DiscoveryServerCallbacks;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * Follows the xDS streams: who connected, what was sent, what each client accepted or refused, and when every
 * connected client had accepted the newest publish. The logs answer "how long did the shift take to reach the
 * clients"; {@link #clients()} and {@link #acknowledgement()} answer it for code, and listeners hear each change.
 */
final class XdsClientTracker implements DiscoveryServerCallbacks {

    private static final Logger LOG = LoggerFactory.getLogger(XdsClientTracker.class);

    private final String versionPrefix;
    private final Map<Long, XdsStream> streams = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile Published latest;

    /** @param versionPrefix what starts every xDS version this server hands out; the publish number follows it */
    XdsClientTracker(String versionPrefix) {
        this.versionPrefix = versionPrefix;
    }

    void published(long version, Instant at) {
        synchronized (this) {
            latest = new Published(versionPrefix + version, at, null);
        }
        changed();
    }

    /** Node id → the newest version the client acknowledged for every resource type it asked for. */
    Map<String, Long> clientVersions() {
        return streams.values().stream()
                .filter(XdsStream::hasAsked)
                .collect(Collectors.toMap(XdsStream::nodeId, stream -> stream.applied(this::publishNumber), Math::min));
    }

    /** Every connected client, by node id, then the oldest connection first. */
    List<XdsClientStatus> clients() {
        Published published = latest;
        return streams.values().stream()
                .map(stream -> stream.status(published == null ? null : published.version()))
                .sorted(Comparator.comparing(XdsClientStatus::node).thenComparing(XdsClientStatus::connectedAt))
                .toList();
    }

    /** When every connected client had accepted the newest publish; empty until then, or with no client connected. */
    Optional<Acknowledgement> acknowledgement() {
        Published published = latest;
        return Optional.ofNullable(published == null ? null : published.acknowledgement());
    }

    /** {@code listener} runs after each change of what {@link #clients()} says, on the thread that made it. */
    AutoCloseable onChange(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void onV3StreamRequest(long streamId, DiscoveryRequest request) {
        // Only the first request of a stream has to carry the node.
        XdsStream stream = streams.computeIfAbsent(streamId, id -> {
            LOG.info("xDS client {} connected (stream {})", request.getNode().getId(), id);
            return new XdsStream(request.getNode().getId(), Instant.now());
        });
        String type = XdsTypes.of(request.getTypeUrl());
        // A type asked for but not yet accepted counts as nothing applied, so a client is never reported at a
        // version before it has every part of it.
        stream.asked(type);
        if (request.hasErrorDetail()) {
            String refused = stream.rejected(type, request.getResponseNonce(), request.getErrorDetail().getMessage(), Instant.now());
            LOG.warn("xDS client {} rejected {} version {} (keeps version {}): {}", stream.nodeId(), type, refused,
                    request.getVersionInfo().isEmpty() ? "none" : request.getVersionInfo(), request.getErrorDetail().getMessage());
        } else if (!request.getVersionInfo().isEmpty() && stream.accepted(type, request.getVersionInfo())) {
            LOG.info("xDS client {} accepted {} version {}{}", stream.nodeId(), type, request.getVersionInfo(),
                    sincePublish(request.getVersionInfo()));
            checkAcknowledged();
        }
        changed();
    }

    @Override
    public void onV3StreamResponse(long streamId, DiscoveryRequest request, DiscoveryResponse response) {
        XdsStream stream = streams.get(streamId);
        String type = XdsTypes.of(response.getTypeUrl());
        if (stream != null) {
            stream.sent(type, response.getNonce(), response.getVersionInfo());
        }
        LOG.info("Sent {} version {} ({} resources) to xDS client {}{}", type, response.getVersionInfo(),
                response.getResourcesCount(), stream == null ? "?" : stream.nodeId(), sincePublish(response.getVersionInfo()));
    }

    @Override
    public void onStreamClose(long streamId, String typeUrl) {
        disconnected(streamId, "");
    }

    @Override
    public void onStreamCloseWithError(long streamId, String typeUrl, Throwable error) {
        disconnected(streamId, ": " + error.getMessage());
    }

    @Override
    public void onV3StreamDeltaRequest(long streamId, DeltaDiscoveryRequest request) {
        // gRPC clients use state-of-the-world xDS; the incremental variant is served by the library as is.
    }

    private void disconnected(long streamId, String why) {
        XdsStream stream = streams.remove(streamId);
        if (stream != null) {
            LOG.info("xDS client {} disconnected (stream {}){}", stream.nodeId(), streamId, why);
            // The one client still missing the newest publish may be the one that left.
            checkAcknowledged();
            changed();
        }
    }

    private synchronized void checkAcknowledged() {
        Published published = latest;
        if (published == null || published.acknowledgement() != null || streams.isEmpty()
                || !streams.values().stream().allMatch(stream -> stream.holds(published.version()))) {
            return;
        }
        Acknowledgement acknowledgement = new Acknowledgement(published.version(), published.at(), Instant.now(), streams.size());
        latest = new Published(published.version(), published.at(), acknowledgement);
        LOG.info("Every connected xDS client ({}) accepted version {}, {} ms after publish", acknowledgement.clients(),
                published.version(), acknowledgement.after().toMillis());
    }

    private void changed() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warn("A listener of xDS client changes failed: {}", e.toString());
            }
        }
    }

    /** Versions of an earlier run of the server (a client that reconnected) count as nothing applied, as does "". */
    private long publishNumber(String version) {
        return version.startsWith(versionPrefix) ? Long.parseLong(version.substring(versionPrefix.length())) : 0;
    }

    private String sincePublish(String version) {
        Published published = latest;
        if (published == null || !published.version().equals(version)) {
            return "";
        }
        return ", " + Duration.between(published.at(), Instant.now()).toMillis() + " ms after publish";
    }

    /** @param acknowledgement when every connected client had it; null until then */
    private record Published(String version, Instant at, Acknowledgement acknowledgement) {
    }
}
