package demo.mesh.access;

import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

/**
 * access-app in front of a real embedded {@link FakeLogic} server. Subclasses add
 * {@code @MicronautTest @Property(name = "spec.name", value = FakeLogic.SPEC)}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FakeLogicTest implements TestPropertyProvider {

    // The test instance is built by JUnit before the context exists, so micronaut-test injects fields.
    @Inject
    AccessApi api;
    @Inject
    FakeLogic.Service logic;

    @Override
    public Map<String, String> getProperties() {
        return FakeLogic.serverProperties();
    }
}
