package demo.mesh.logic;

import demo.mesh.logic.api.HelloReply;
import demo.mesh.logic.api.HelloRequest;
import demo.mesh.logic.api.LogicGrpc;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

/** The gRPC face of {@link LogicService}: parse, call, map errors, respond. */
@Singleton
public class LogicEndpoint extends LogicGrpc.LogicImplBase {
    private final LogicService logic;
    private final FaultInjector faults;

    public LogicEndpoint(LogicService logic, FaultInjector faults) {
        this.logic = logic;
        this.faults = faults;
    }

    @Override
    public void hello(HelloRequest request, StreamObserver<HelloReply> responses) {
        HelloReply reply;
        try {
            reply = logic.hello(request.getName());
        } catch (InvalidNameException e) {
            responses.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        faults.deliver(() -> {
            responses.onNext(reply);
            responses.onCompleted();
        }, responses::onError);
    }
}
