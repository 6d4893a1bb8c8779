package demo.mesh.xds;

import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.List;
import java.util.Objects;

/**
 * Everything the local data plane serves: the same VirtualServices and DestinationRules a cluster applies (as
 * fabric8 objects, so mesh-console can edit weights with the code it uses against Kubernetes), plus where each
 * subset answers. Not a value: the lists are fixed, but the fabric8 objects in them can be changed and are shared
 * with whoever built this routing or read it from {@link XdsServer#current()}. {@link XdsServer#publish} serves a
 * {@link #deepCopy()}, so changing these objects afterwards changes nothing clients see: publish again for that.
 */
public record MeshRouting(List<VirtualService> virtualServices, List<DestinationRule> destinationRules,
                          LocalEndpoints endpoints) {

    public MeshRouting {
        virtualServices = List.copyOf(virtualServices);
        destinationRules = List.copyOf(destinationRules);
        Objects.requireNonNull(endpoints, "endpoints");
    }

    /** The same routing in objects of its own, so that edits to these do not reach it. */
    public MeshRouting deepCopy() {
        return new MeshRouting(virtualServices.stream().map(Serialization::clone).toList(),
                destinationRules.stream().map(Serialization::clone).toList(), endpoints);
    }
}
