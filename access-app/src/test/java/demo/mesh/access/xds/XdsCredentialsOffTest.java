package demo.mesh.access.xds;

import demo.mesh.access.FakeLogic;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Without the switch, nothing replaces the channel configured by name (plaintext, as application.yml says). */
@MicronautTest
class XdsCredentialsOffTest extends FakeLogicChannelTest {

    @Test
    void theLogicChannelIsTheOneConfiguredByName() throws Exception {
        assertThat(context.containsBean(XdsCredentialsSwitch.class)).isFalse();
        assertThat(versionAnsweringOneCall()).isEqualTo(FakeLogic.VERSION);
    }
}
