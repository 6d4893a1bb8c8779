package demo.mesh.access.xds;

import demo.mesh.access.FakeLogic;
import demo.mesh.access.logic.LogicClient;
import io.grpc.ManagedChannel;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The switch the proxyless component turns on: the channel to logic-app is rebuilt with xDS credentials, and where
 * the control plane sends no security (here a dns:/// target, no xDS at all) it still reaches a plaintext logic-app.
 */
@MicronautTest
@Property(name = XdsCredentialsSwitch.PROPERTY, value = "true")
class XdsCredentialsOnTest extends FakeLogicChannelTest {

    @Test
    void callsGoThroughTheChannelBuiltWithXdsCredentialsWhichFallsBackToPlaintextWithoutXdsSecurity() throws Exception {
        assertThat(versionAnsweringOneCall()).isEqualTo(FakeLogic.VERSION);

        // The configured channel was shut down when it was replaced, so the answer came through the new one.
        List<ManagedChannel> built = context.getBean(XdsCredentialsSwitch.class).built();
        assertThat(built).hasSize(1);
        assertThat(built.get(0).isShutdown()).isFalse();
        assertThat(built.get(0).authority()).isEqualTo(XdsCredentialsSwitch.authority(
                context.getRequiredProperty(LogicClient.TARGET_PROPERTY, String.class)));
    }
}
