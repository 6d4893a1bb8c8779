package demo.mesh.logic;

import demo.mesh.logic.api.HelloReply;
import demo.mesh.logic.api.HelloRequest;
import demo.mesh.logic.api.LogicGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.micronaut.grpc.server.GrpcEmbeddedServer;

import java.util.concurrent.TimeUnit;

/** A real client channel to the embedded gRPC server of a test. */
public final class LogicChannel implements AutoCloseable {
    public final ManagedChannel channel;

    public LogicChannel(GrpcEmbeddedServer server) {
        this.channel = ManagedChannelBuilder.forAddress("localhost", server.getPort()).usePlaintext().build();
    }

    public HelloReply hello(String name) {
        return LogicGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                .hello(HelloRequest.newBuilder().setName(name).build());
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
