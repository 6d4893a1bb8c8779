package demo.mesh.console.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Hands each VirtualService event to {@code thread}, after {@code synced} (or {@code syncWait}): see
 * {@link KubernetesCache#onVirtualServiceChange}.
 */
record HandOver(ResourceEventHandler<GenericKubernetesResource> handler, ExecutorService thread,
                CompletableFuture<Void> synced, Duration syncWait) implements ResourceEventHandler<GenericKubernetesResource> {

    @Override
    public void onAdd(GenericKubernetesResource added) {
        later(() -> handler.onAdd(added));
    }

    @Override
    public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
        later(() -> handler.onUpdate(before, after));
    }

    @Override
    public void onDelete(GenericKubernetesResource deleted, boolean finalStateUnknown) {
        later(() -> handler.onDelete(deleted, finalStateUnknown));
    }

    private void later(Runnable event) {
        thread.execute(() -> {
            try {
                synced.get(syncWait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                // Not all kinds synced in time: the view reads what it lacks from the API server instead.
            }
            event.run();
        });
    }
}
