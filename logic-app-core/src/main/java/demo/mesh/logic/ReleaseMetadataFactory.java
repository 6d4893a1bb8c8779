package demo.mesh.logic;

import demo.mesh.logic.api.ReleaseMetadataInterceptor;
import io.grpc.ServerInterceptor;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * Every answer, OK or error, names this release and instance in response metadata ({@code x-logic-version},
 * {@code x-logic-instance}), so a caller can tell which release failed a call that has no reply body.
 */
@Factory
public class ReleaseMetadataFactory {

    @Singleton
    ServerInterceptor releaseMetadata(LogicProperties logic, InstanceName instance) {
        return new ReleaseMetadataInterceptor(logic.version(), instance.value());
    }
}
