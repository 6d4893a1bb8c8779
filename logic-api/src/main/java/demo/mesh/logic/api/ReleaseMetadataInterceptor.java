package demo.mesh.logic.api;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * Signs every answer of a server with {@link ReleaseMetadata}: in the headers when the server sends headers, and
 * always in the trailers, because an error answered before any message is trailers-only and has no headers.
 * Lives with the contract so that logic-app and every stand-in for it in tests sign answers the same way.
 */
public final class ReleaseMetadataInterceptor implements ServerInterceptor {

    private final String version;
    private final String instance;

    public ReleaseMetadataInterceptor(String version, String instance) {
        if (version == null || version.isBlank() || instance == null || instance.isBlank()) {
            throw new IllegalArgumentException("an answer is signed with a version and an instance, got version '"
                    + version + "' and instance '" + instance + "'");
        }
        this.version = version;
        this.instance = instance;
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                                                      ServerCallHandler<Q, A> next) {
        return next.startCall(new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void sendHeaders(Metadata responseHeaders) {
                sign(responseHeaders);
                super.sendHeaders(responseHeaders);
            }

            @Override
            public void close(Status status, Metadata trailers) {
                sign(trailers);
                super.close(status, trailers);
            }
        }, headers);
    }

    private void sign(Metadata metadata) {
        metadata.discardAll(ReleaseMetadata.VERSION);
        metadata.discardAll(ReleaseMetadata.INSTANCE);
        metadata.put(ReleaseMetadata.VERSION, version);
        metadata.put(ReleaseMetadata.INSTANCE, instance);
    }
}
