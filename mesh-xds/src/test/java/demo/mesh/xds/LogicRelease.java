package demo.mesh.xds;

import demo.mesh.logic.api.HelloReply;
import demo.mesh.logic.api.HelloRequest;
import demo.mesh.logic.api.LogicGrpc;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real gRPC server on a random loopback port answering Logic/Hello as one release of logic-app would: the reply
 * says which version answered, which is all the routing tests look at.
 */
final class LogicRelease implements AutoCloseable {

    private final String version;
    private final AtomicInteger failuresToServe = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();
    private final Server server;

    LogicRelease(String version) throws IOException {
        this.version = version;
        this.server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .addService(new Endpoint())
                .build()
                .start();
    }

    int port() {
        return server.getPort();
    }

    /** The next {@code count} calls fail with UNAVAILABLE, as a release that is restarting would answer. */
    void failNext(int count) {
        failuresToServe.set(count);
    }

    /** Every call that reached this release, failed ones included. */
    int attempts() {
        return attempts.get();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private final class Endpoint extends LogicGrpc.LogicImplBase {
        @Override
        public void hello(HelloRequest request, StreamObserver<HelloReply> responses) {
            attempts.incrementAndGet();
            if (failuresToServe.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                responses.onError(Status.UNAVAILABLE.withDescription(version + " is restarting").asRuntimeException());
                return;
            }
            responses.onNext(HelloReply.newBuilder()
                    .setMessage("Hello " + request.getName())
                    .setVersion(version)
                    .setInstance("127.0.0.1:" + port())
                    .build());
            responses.onCompleted();
        }
    }
}
