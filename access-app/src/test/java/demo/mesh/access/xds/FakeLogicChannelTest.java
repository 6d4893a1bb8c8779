package demo.mesh.access.xds;

import demo.mesh.access.FakeLogic;
import demo.mesh.access.logic.LogicClient;
import io.grpc.Metadata;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * access-app's channel to logic-app in front of a real {@link FakeLogic} server. Subclasses add
 * {@code @MicronautTest} and the switch, or not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FakeLogicChannelTest implements TestPropertyProvider {

    private final FakeLogic fake = FakeLogic.start();

    // The test instance is built by JUnit before the context exists, so micronaut-test injects fields.
    @Inject
    ApplicationContext context;
    @Inject
    LogicClient logic;

    @Override
    public Map<String, String> getProperties() {
        return fake.channelProperties();
    }

    @AfterAll
    void stopLogic() throws InterruptedException {
        fake.close();
    }

    /** The version that answered one call through the channel. */
    String versionAnsweringOneCall() throws Exception {
        return logic.hello("alice", new Metadata()).get(10, TimeUnit.SECONDS).getVersion();
    }
}
