package demo.mesh.access.logic;

import demo.mesh.logic.api.HelloReply;
import demo.mesh.logic.api.HelloRequest;
import demo.mesh.logic.api.LogicGrpc;
import demo.mesh.logic.api.ReleaseMetadata;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Context;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Calls logic-app over the named gRPC channel {@value #CHANNEL}. The channel's target is plain configuration
 * ({@value #TARGET_PROPERTY}), so the same code runs behind DNS, an Istio sidecar or an xDS control plane.
 * Created at start-up so that a bad deadline or target fails the application, not its first request.
 */
@Context
public class LogicClient {

    public static final String CHANNEL = "logic-app";
    public static final String TARGET_PROPERTY = "grpc.channels." + CHANNEL + ".target";

    private final LogicChannel channel;
    private final LogicCallConfig config;
    private final LogicCallMetrics calls;
    private final LogicAttemptMetrics attempts;

    LogicClient(LogicChannel channel, LogicCallConfig config, LogicCallMetrics calls, LogicAttemptMetrics attempts) {
        this.channel = channel;
        this.config = config;
        this.calls = calls;
        this.attempts = attempts;
    }

    /**
     * Asks logic-app to greet {@code name}. The future fails with a {@link io.grpc.StatusRuntimeException} when
     * logic-app rejects the call, cannot be reached or does not answer within the configured deadline.
     */
    public CompletableFuture<HelloReply> hello(String name, Metadata headers) {
        CompletableFuture<HelloReply> result = new CompletableFuture<>();
        Timer.Sample sample = calls.start();
        // The final answer's metadata names the release that gave it, an error's too.
        AtomicReference<Metadata> answerHeaders = new AtomicReference<>();
        AtomicReference<Metadata> answerTrailers = new AtomicReference<>();
        // A deadline is absolute, so every call gets a fresh stub, on the channel of the thread serving the request.
        LogicGrpc.newStub(channel.channel())
                .withDeadlineAfter(config.deadline().toNanos(), TimeUnit.NANOSECONDS)
                .withInterceptors(attempts.interceptor(), MetadataUtils.newAttachHeadersInterceptor(headers),
                        MetadataUtils.newCaptureMetadataInterceptor(answerHeaders, answerTrailers))
                .hello(HelloRequest.newBuilder().setName(name).build(), new StreamObserver<>() {
                    private HelloReply reply;

                    @Override
                    public void onNext(HelloReply value) {
                        reply = value;
                    }

                    @Override
                    public void onError(Throwable error) {
                        calls.record(sample, answeredBy(), Status.fromThrowable(error).getCode());
                        result.completeExceptionally(error);
                    }

                    @Override
                    public void onCompleted() {
                        calls.record(sample, answeredBy(), Status.Code.OK);
                        result.complete(reply);
                    }

                    /** From the metadata; a release that predates it still names itself in its reply. */
                    private String answeredBy() {
                        return ReleaseMetadata.version(answerTrailers.get(), answerHeaders.get())
                                .orElse(reply == null ? null : reply.getVersion());
                    }
                });
        return result;
    }
}
