package demo.mesh.console.local;

import demo.mesh.logic.api.HelloReply;
import demo.mesh.logic.api.HelloRequest;
import demo.mesh.logic.api.LogicGrpc;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** One release of logic-app as far as routing can tell: a real gRPC server on loopback whose reply names its version. */
final class LogicServer implements AutoCloseable {

    private final Server server;

    LogicServer(String version) {
        try {
            this.server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                    .addService(new LogicGrpc.LogicImplBase() {
                        @Override
                        public void hello(HelloRequest request, StreamObserver<HelloReply> replies) {
                            replies.onNext(HelloReply.newBuilder().setMessage("Hello, " + request.getName() + "!")
                                    .setVersion(version).build());
                            replies.onCompleted();
                        }
                    })
                    .build()
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start logic-app " + version + " on loopback", e);
        }
    }

    /** Where it answers, as the endpoints file lists it. */
    String address() {
        return "127.0.0.1:" + server.getPort();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
