package demo.mesh.console.scale;

import demo.mesh.console.StandInTest;
import demo.mesh.console.kubernetes.CacheCaughtUp;
import demo.mesh.console.kubernetes.KubernetesCache;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;

import java.util.HashMap;
import java.util.Map;

/**
 * A console watching every namespace ({@code *}) of a stand-in holding {@link #MESH}: 500 VirtualServices in 20
 * namespaces, made once per class (2,000 objects) and in the console's cache before the first test. Subclasses add
 * {@code @MicronautTest}.
 */
abstract class ManyRoutesTest extends StandInTest {

    static final ManyRoutes MESH = new ManyRoutes(500, 20);

    @Inject
    KubernetesCache cache;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("mesh-console.namespaces", "*");
        return properties;
    }

    @BeforeAll
    void createTheMesh() {
        MESH.create(standIn.client());
        MESH.namespaceNames().forEach(ns -> CacheCaughtUp.await(cache, standIn.client(), ns));
    }
}
