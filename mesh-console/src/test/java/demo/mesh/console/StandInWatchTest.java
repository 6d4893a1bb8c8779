package demo.mesh.console;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapList;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Kubernetes rule fabric8's mock server does not keep and the stand-in does ({@link ExactWatches}): a watch from
 * a resourceVersion sends the changes after that version, not the objects already listed; a watch without one starts
 * with every object. Informers list, then watch from the list's version, so the console's start-up costs what it
 * costs against a real API server.
 */
class StandInWatchTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final KubernetesStandIn standIn = new KubernetesStandIn();
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        standIn.close();
    }

    @Test
    void aWatchFromTheListsVersionSendsOnlyWhatChangedAfterIt() {
        create("listed");
        String listedAt = configMaps().list().getMetadata().getResourceVersion();
        create("created-after-the-list");

        try (Watch watch = configMaps().withResourceVersion(listedAt).watch(recorder())) {
            create("created-while-watching");
            configMaps().withName("listed").edit(map -> new ConfigMapBuilder(map).addToData("k", "v").build());
            configMaps().withName("created-while-watching").delete();

            await().atMost(WAIT).until(() -> seen.contains("DELETED created-while-watching"));
            // The mock server sends the opening objects on a thread of its own: their order against the first changes
            // is not the API server's to keep either.
            assertThat(seen).containsExactlyInAnyOrder("ADDED created-after-the-list", "ADDED created-while-watching",
                    "MODIFIED listed", "DELETED created-while-watching");
        }
    }

    @Test
    void aWatchWithoutAVersionStartsWithEveryObject() {
        create("first");
        create("second");

        try (Watch watch = configMaps().watch(recorder())) {
            create("third");

            await().atMost(WAIT).until(() -> seen.contains("ADDED third"));
            assertThat(seen).containsExactlyInAnyOrder("ADDED first", "ADDED second", "ADDED third");
        }
    }

    private void create(String name) {
        configMaps().resource(new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
    }

    private NonNamespaceOperation<ConfigMap, ConfigMapList, Resource<ConfigMap>> configMaps() {
        return standIn.client().configMaps().inNamespace(KubernetesStandIn.NAMESPACE);
    }

    private Watcher<ConfigMap> recorder() {
        return new Watcher<>() {
            @Override
            public void eventReceived(Action action, ConfigMap map) {
                seen.add(action + " " + map.getMetadata().getName());
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        };
    }
}
