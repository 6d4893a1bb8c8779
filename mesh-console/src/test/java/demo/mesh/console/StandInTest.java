package demo.mesh.console;

import demo.mesh.console.kubernetes.CacheCaughtUp;
import demo.mesh.console.kubernetes.KubernetesCache;
import demo.mesh.testsupport.ConsoleClient;
import io.micronaut.context.BeanProvider;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

/**
 * Runs the console against its own Kubernetes stand-in. Subclasses add {@code @MicronautTest} and load the
 * fixtures they need.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StandInTest implements TestPropertyProvider {

    protected static final String ROUTES = "/api/routes/" + KubernetesStandIn.NAMESPACE + "/";

    protected final KubernetesStandIn standIn = new KubernetesStandIn();

    @Inject
    protected EmbeddedServer server;

    @Inject
    private BeanProvider<KubernetesCache> cache;

    /** Every test reads through the console what it set up in the stand-in: see {@link KubernetesStandIn#afterEachChange}. */
    @BeforeAll
    void followTheStandIn() {
        if (cache.isPresent()) {
            KubernetesCache console = cache.get();
            standIn.afterEachChange(() -> CacheCaughtUp.await(console, standIn.client(), KubernetesStandIn.NAMESPACE));
        }
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of("mesh-console.kubernetes.api-url", standIn.url());
    }

    @AfterAll
    void stopStandIn() {
        standIn.close();
    }

    protected ConsoleClient anonymous() {
        return new ConsoleClient(server.getURI());
    }

    protected ConsoleClient alice() {
        return anonymous().signIn("alice", "test-password-1");
    }
}
