package demo.mesh.console;

import demo.mesh.console.kubernetes.CacheCaughtUp;
import demo.mesh.console.kubernetes.EventRecorder;
import demo.mesh.console.kubernetes.KubernetesCache;
import demo.mesh.testsupport.ConsoleClient;
import io.fabric8.kubernetes.api.model.Event;
import io.micronaut.context.BeanProvider;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

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

    @Inject
    private BeanProvider<EventRecorder> eventRecorder;

    /** Every test reads through the console what it set up in the stand-in: see {@link KubernetesStandIn#afterEachChange}. */
    @BeforeAll
    void followTheStandIn() {
        if (cache.isPresent()) {
            KubernetesCache console = cache.get();
            standIn.afterEachChange(() -> CacheCaughtUp.await(console, standIn.client(), KubernetesStandIn.NAMESPACE));
        }
    }

    /**
     * The console sends Events after answering: those a previous test's changes queued are sent before this test
     * loads its fixtures (which clear the namespace), so none lands among this test's.
     */
    @BeforeEach
    void sendQueuedEvents() {
        awaitEventsSent();
    }

    /** Waits until every Event the console queued so far has been sent to the stand-in. */
    protected void awaitEventsSent() {
        if (eventRecorder.isPresent()) {
            assertThat(eventRecorder.get().flush(Duration.ofSeconds(10))).as("queued Events sent within 10 s").isTrue();
        }
    }

    /** The Events in the test namespace, once every Event the console queued so far has been sent. */
    protected List<Event> recordedEvents() {
        awaitEventsSent();
        return standIn.client().v1().events().inNamespace(KubernetesStandIn.NAMESPACE).list().getItems();
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
