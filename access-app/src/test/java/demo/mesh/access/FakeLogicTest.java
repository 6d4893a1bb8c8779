package demo.mesh.access;

import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

/**
 * access-app (a {@code @MicronautTest} subclass) in front of a real {@link FakeLogic} server, which starts before
 * the application and stops after it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FakeLogicTest implements TestPropertyProvider {

    final FakeLogic logic = FakeLogic.start();

    // The test instance is built by JUnit before the context exists, so micronaut-test injects fields.
    @Inject
    AccessApi api;

    @Override
    public Map<String, String> getProperties() {
        return logic.channelProperties();
    }

    @AfterAll
    void stopLogic() throws InterruptedException {
        logic.close();
    }
}
