package demo.mesh.console.kubernetes;

import demo.mesh.console.routing.RouteChange;
import demo.mesh.console.routing.VirtualServiceRoutes;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Turns the VirtualService informers' events into {@link RouteChange}s. Informers re-list and re-watch on their own
 * after a dropped connection, so a change made while the API was briefly unreachable still arrives.
 */
final class VirtualServiceChanges implements ResourceEventHandler<GenericKubernetesResource> {

    private static final Logger LOG = LoggerFactory.getLogger(VirtualServiceChanges.class);

    private final Function<GenericKubernetesResource, VirtualServiceRoutes> view;
    private final Consumer<RouteChange> listener;

    VirtualServiceChanges(Function<GenericKubernetesResource, VirtualServiceRoutes> view, Consumer<RouteChange> listener) {
        this.view = view;
        this.listener = listener;
    }

    @Override
    public void onAdd(GenericKubernetesResource vs) {
        emit(RouteChange.Type.ADDED, vs);
    }

    @Override
    public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
        // Periodic resyncs replay the same object; only a new resourceVersion is a change.
        if (!Objects.equals(before.getMetadata().getResourceVersion(), after.getMetadata().getResourceVersion())) {
            emit(RouteChange.Type.MODIFIED, after);
        }
    }

    @Override
    public void onDelete(GenericKubernetesResource vs, boolean finalStateUnknown) {
        listener.accept(new RouteChange(RouteChange.Type.DELETED, vs.getMetadata().getNamespace(),
                vs.getMetadata().getName(), null));
    }

    private void emit(RouteChange.Type type, GenericKubernetesResource vs) {
        try {
            listener.accept(new RouteChange(type, vs.getMetadata().getNamespace(), vs.getMetadata().getName(), view.apply(vs)));
        } catch (RuntimeException e) {
            LOG.warn("Could not report change to VirtualService {}/{}: {}", vs.getMetadata().getNamespace(),
                    vs.getMetadata().getName(), e.getMessage());
        }
    }
}
