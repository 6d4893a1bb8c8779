package demo.mesh.xds;

import io.envoyproxy.controlplane.server.DiscoveryServerCallbacks;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Follows the xDS streams: who connected, what was sent, what each client acknowledged or rejected. The logs answer
 * "how long did the shift take to reach the clients"; {@link #clientVersions()} answers it for code.
 */
final class XdsClientTracker implements DiscoveryServerCallbacks {

    private static final Logger LOG = LoggerFactory.getLogger(XdsClientTracker.class);

    private final String versionPrefix;
    private final Map<Long, Stream> streams = new ConcurrentHashMap<>();
    private volatile Published latest;

    /** @param versionPrefix what starts every xDS version this server hands out; the publish number follows it */
    XdsClientTracker(String versionPrefix) {
        this.versionPrefix = versionPrefix;
    }

    void published(long version, Instant at) {
        latest = new Published(versionPrefix + version, at);
    }

    /** Node id → the newest version the client acknowledged for every resource type it asked for. */
    Map<String, Long> clientVersions() {
        return streams.values().stream()
                .filter(stream -> !stream.acknowledged().isEmpty())
                .collect(Collectors.toMap(Stream::nodeId, this::appliedVersion, Math::min));
    }

    @Override
    public void onV3StreamRequest(long streamId, DiscoveryRequest request) {
        // Only the first request of a stream has to carry the node.
        Stream stream = streams.computeIfAbsent(streamId, id -> {
            LOG.info("xDS client {} connected (stream {})", request.getNode().getId(), id);
            return new Stream(request.getNode().getId());
        });
        String type = shortType(request.getTypeUrl());
        // A type asked for but not yet acknowledged counts as nothing applied, so a client is never reported at a
        // version before it has every part of it.
        stream.acknowledged().putIfAbsent(type, "");
        if (request.hasErrorDetail()) {
            LOG.warn("xDS client {} rejected {} (keeps version {}): {}", stream.nodeId(), type,
                    request.getVersionInfo(), request.getErrorDetail().getMessage());
        } else if (!request.getVersionInfo().isEmpty()
                && !request.getVersionInfo().equals(stream.acknowledged().put(type, request.getVersionInfo()))) {
            LOG.info("xDS client {} accepted {} version {}{}", stream.nodeId(), type, request.getVersionInfo(),
                    sincePublish(request.getVersionInfo()));
        }
    }

    @Override
    public void onV3StreamResponse(long streamId, DiscoveryRequest request, DiscoveryResponse response) {
        Stream stream = streams.get(streamId);
        LOG.info("Sent {} version {} ({} resources) to xDS client {}{}", shortType(response.getTypeUrl()),
                response.getVersionInfo(), response.getResourcesCount(), stream == null ? "?" : stream.nodeId(),
                sincePublish(response.getVersionInfo()));
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
        Stream stream = streams.remove(streamId);
        if (stream != null) {
            LOG.info("xDS client {} disconnected (stream {}){}", stream.nodeId(), streamId, why);
        }
    }

    private long appliedVersion(Stream stream) {
        return stream.acknowledged().values().stream().mapToLong(this::publishNumber).min().orElse(0);
    }

    /** Versions of an earlier run of the server (a client that reconnected) count as nothing applied, as does "". */
    private long publishNumber(String version) {
        return version.startsWith(versionPrefix) ? Long.parseLong(version.substring(versionPrefix.length())) : 0;
    }

    private String sincePublish(String version) {
        Published published = latest;
        if (published == null || !published.version.equals(version)) {
            return "";
        }
        return ", " + Duration.between(published.at, Instant.now()).toMillis() + " ms after publish";
    }

    /** {@code type.googleapis.com/envoy.config.route.v3.RouteConfiguration} → {@code RDS}. */
    private static String shortType(String typeUrl) {
        String message = typeUrl.substring(typeUrl.lastIndexOf('.') + 1);
        return switch (message) {
            case "Listener" -> "LDS";
            case "RouteConfiguration" -> "RDS";
            case "Cluster" -> "CDS";
            case "ClusterLoadAssignment" -> "EDS";
            default -> message;
        };
    }

    private record Published(String version, Instant at) {
    }

    /** @param acknowledged resource type → the version last acknowledged on this stream */
    private record Stream(String nodeId, Map<String, String> acknowledged) {
        Stream(String nodeId) {
            this(nodeId, new ConcurrentHashMap<>());
        }
    }
}
