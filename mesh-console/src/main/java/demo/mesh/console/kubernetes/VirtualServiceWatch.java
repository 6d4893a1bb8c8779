package demo.mesh.console.kubernetes;

import demo.mesh.console.routing.RouteChange;
import demo.mesh.console.routing.VirtualServiceRoutes;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One informer per watched namespace. Informers re-list and re-watch on their own after a dropped connection,
 * so a change made while the API was briefly unreachable still arrives.
 */
final class VirtualServiceWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VirtualServiceWatch.class);

    private final List<SharedIndexInformer<GenericKubernetesResource>> informers;

    VirtualServiceWatch(MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> virtualServices,
                        List<String> namespaces,
                        Function<GenericKubernetesResource, VirtualServiceRoutes> view,
                        Consumer<RouteChange> listener) {
        Handler handler = new Handler(view, listener);
        this.informers = namespaces.stream().map(ns -> {
            SharedIndexInformer<GenericKubernetesResource> informer = virtualServices.inNamespace(ns).runnableInformer(0);
            informer.addEventHandler(handler);
            // Keep retrying when the API is down at start-up instead of giving up on the watch for good.
            informer.exceptionHandler((started, t) -> {
                LOG.warn("Watch of VirtualServices in {} failed, retrying: {}", ns, t.getMessage());
                return true;
            });
            informer.start();
            return informer;
        }).toList();
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
    }

    private record Handler(Function<GenericKubernetesResource, VirtualServiceRoutes> view,
                           Consumer<RouteChange> listener) implements ResourceEventHandler<GenericKubernetesResource> {

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
}
