package demo.mesh.logic;

import demo.mesh.logic.api.HelloReply;
import demo.mesh.logic.api.HelloRequest;
import demo.mesh.logic.api.LogicGrpc;
import demo.mesh.logic.api.ReleaseMetadata;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import io.micronaut.grpc.server.GrpcEmbeddedServer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** A real client channel to the embedded gRPC server of a test. */
public final class LogicChannel implements AutoCloseable {
    public final ManagedChannel channel;

    public LogicChannel(GrpcEmbeddedServer server) {
        this.channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
    }

    public HelloReply hello(String name) {
        return stub().hello(request(name));
    }

    /** Calls Hello and keeps what came back besides the reply: the status and the response metadata. */
    public Answer answer(String name) {
        AtomicReference<Metadata> headers = new AtomicReference<>();
        AtomicReference<Metadata> trailers = new AtomicReference<>();
        Status status;
        try {
            stub().withInterceptors(MetadataUtils.newCaptureMetadataInterceptor(headers, trailers)).hello(request(name));
            status = Status.OK;
        } catch (RuntimeException e) {
            status = Status.fromThrowable(e);
        }
        return new Answer(status.getCode(), headers.get(), trailers.get());
    }

    /**
     * How a call ended and the metadata it carried.
     *
     * @param headers null when the answer was trailers-only, as an error before any reply is
     */
    public record Answer(Status.Code code, Metadata headers, Metadata trailers) {

        /** The release and instance named in {@code metadata} (headers or trailers), e.g. {@code v1@host:9091}. */
        public static String signature(Metadata metadata) {
            return metadata == null ? null
                    : metadata.get(ReleaseMetadata.VERSION) + "@" + metadata.get(ReleaseMetadata.INSTANCE);
        }
    }

    private LogicGrpc.LogicBlockingStub stub() {
        return LogicGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS);
    }

    private static HelloRequest request(String name) {
        return HelloRequest.newBuilder().setName(name).build();
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
