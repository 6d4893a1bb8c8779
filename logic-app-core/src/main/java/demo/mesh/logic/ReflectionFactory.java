package demo.mesh.logic;

import io.grpc.BindableService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/** gRPC server reflection, so grpcurl-style tools can list and call the service without the .proto. */
@Factory
public class ReflectionFactory {

    @Singleton
    @Requires(property = "logic.reflection.enabled", notEquals = "false")
    BindableService reflectionService() {
        return ProtoReflectionServiceV1.newInstance();
    }
}
