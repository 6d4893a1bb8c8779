package demo.mesh.access.xds;

import demo.mesh.access.FakeLogic;
import demo.mesh.access.logic.LogicChannel;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The switch the proxyless component turns on: the channel to logic-app is built with xDS credentials, and where
 * the control plane sends no security (here a dns:/// target, no xDS at all) it still reaches a plaintext logic-app.
 */
@MicronautTest
@Property(name = LogicChannel.XDS_CREDENTIALS, value = "true")
class XdsCredentialsOnTest extends FakeLogicChannelTest {

    @Test
    void callsGoThroughTheOneChannelBuiltWithXdsCredentialsWhichFallsBackToPlaintextWithoutXdsSecurity() throws Exception {
        assertThat(versionAnsweringOneCall()).isEqualTo(FakeLogic.VERSION);

        LogicChannel channel = context.getBean(LogicChannel.class);
        assertThat(channel.xdsCredentials()).isTrue();
        assertThat(channel.count()).isEqualTo(1);
    }
}
