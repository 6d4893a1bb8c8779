package demo.mesh.access.xds;

import demo.mesh.access.FakeLogic;
import demo.mesh.access.logic.LogicClient;
import demo.mesh.logic.api.HelloReply;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The switch the proxyless component turns on: the channel to logic-app is rebuilt with xDS credentials, and where
 * the control plane sends no security (here a dns:/// target, no xDS at all) it still reaches a plaintext logic-app.
 */
@MicronautTest
@Property(name = "spec.name", value = FakeLogic.SPEC)
@Property(name = XdsCredentialsSwitch.PROPERTY, value = "true")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class XdsCredentialsOnTest implements TestPropertyProvider {

    @Inject
    ApplicationContext context;
    @Inject
    LogicClient logic;

    @Override
    public Map<String, String> getProperties() {
        return FakeLogic.serverProperties();
    }

    @Test
    void callsGoThroughTheChannelBuiltWithXdsCredentialsWhichFallsBackToPlaintextWithoutXdsSecurity() throws Exception {
        HelloReply reply = logic.hello("alice", new Metadata()).get(10, TimeUnit.SECONDS);

        assertThat(reply.getVersion()).isEqualTo(FakeLogic.VERSION);
        // The configured channel was shut down when it was replaced, so the answer came through the new one.
        List<ManagedChannel> built = context.getBean(XdsCredentialsSwitch.class).built();
        assertThat(built).hasSize(1);
        assertThat(built.get(0).isShutdown()).isFalse();
        assertThat(built.get(0).authority()).isEqualTo(XdsCredentialsSwitch.authority(
                context.getRequiredProperty(LogicClient.TARGET_PROPERTY, String.class)));
    }
}
