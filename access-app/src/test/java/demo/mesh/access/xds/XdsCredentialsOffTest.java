package demo.mesh.access.xds;

import demo.mesh.access.FakeLogic;
import demo.mesh.access.logic.LogicClient;
import io.grpc.Metadata;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Without the switch, nothing replaces the channel configured by name. */
@MicronautTest
@Property(name = "spec.name", value = FakeLogic.SPEC)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class XdsCredentialsOffTest implements TestPropertyProvider {

    @Inject
    ApplicationContext context;
    @Inject
    LogicClient logic;

    @Override
    public Map<String, String> getProperties() {
        return FakeLogic.serverProperties();
    }

    @Test
    void theLogicChannelIsTheOneConfiguredByName() throws Exception {
        assertThat(context.containsBean(XdsCredentialsSwitch.class)).isFalse();
        assertThat(logic.hello("alice", new Metadata()).get(10, TimeUnit.SECONDS).getVersion())
                .isEqualTo(FakeLogic.VERSION);
    }
}
