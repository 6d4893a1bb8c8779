package demo.mesh.console.kubernetes;

import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The four informers {@link KubernetesCache} keeps for one namespace (or for all), started together: when they first
 * synced, whether they are live (synced and watching) so reads may come from them, and the sorted lists of the
 * kinds that are only looked at.
 */
record WatchedKinds(SharedIndexInformer<GenericKubernetesResource> virtualServices,
                    SharedIndexInformer<DestinationRule> destinationRules,
                    SharedIndexInformer<Service> services,
                    SharedIndexInformer<Pod> pods,
                    CompletableFuture<Void> synced,
                    NamespaceLists<DestinationRule> destinationRuleLists,
                    NamespaceLists<Service> serviceLists,
                    NamespaceLists<Pod> podLists,
                    long startedNanos) {

    /** How long a read right after start-up waits for the first sync before it asks the API server. */
    static final Duration FIRST_SYNC_WAIT = Duration.ofSeconds(2);

    WatchedKinds(SharedIndexInformer<GenericKubernetesResource> virtualServices,
                 SharedIndexInformer<DestinationRule> destinationRules, SharedIndexInformer<Service> services,
                 SharedIndexInformer<Pod> pods) {
        this(virtualServices, destinationRules, services, pods, CompletableFuture.allOf(
                Stream.of(virtualServices, destinationRules, services, pods)
                        .map(informer -> informer.start().toCompletableFuture())
                        .toArray(CompletableFuture[]::new)),
                new NamespaceLists<>(destinationRules), new NamespaceLists<>(services), new NamespaceLists<>(pods),
                System.nanoTime());
    }

    /** What is left of {@link #FIRST_SYNC_WAIT} since the informers started; zero once it has passed. */
    long firstSyncWaitLeftMillis() {
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
        return Math.max(0, FIRST_SYNC_WAIT.toMillis() - elapsed);
    }

    boolean live() {
        return Stream.of(virtualServices, destinationRules, services, pods)
                .allMatch(informer -> informer.hasSynced() && informer.isWatching());
    }

    void close() {
        Stream.of(virtualServices, destinationRules, services, pods).forEach(SharedIndexInformer::close);
    }

    /**
     * Whether reads may come from the cache now. In the first moments after start-up a read waits for the first
     * sync: answering from the API server instead would take a list of each kind per VirtualService shown, hundreds
     * of calls for a large mesh at the moment the console lists the whole cluster anyway. Only then: an API server
     * that never answers must not add that wait to every read, which has its own bound (two request timeouts).
     */
    boolean readFromCache() {
        long waitLeft = firstSyncWaitLeftMillis();
        if (!synced.isDone() && waitLeft > 0) {
            try {
                synced.get(waitLeft, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // Not synced in time (the API server is away?): read from the API server, which says so.
            }
        }
        return live();
    }
}
