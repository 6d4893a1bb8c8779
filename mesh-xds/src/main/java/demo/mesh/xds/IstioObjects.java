package demo.mesh.xds;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** How warnings and errors name an Istio object, and the checks every object must pass before it is read. */
final class IstioObjects {

    private IstioObjects() {
    }

    /** {@code VirtualService mesh-demo/logic-app}: the way {@code kubectl} users know the object. */
    static String describe(HasMetadata object) {
        String name = object.getMetadata() == null ? null : object.getMetadata().getName();
        String namespace = object.getMetadata() == null ? null : object.getMetadata().getNamespace();
        return object.getKind() + " " + (namespace == null ? "" : namespace + "/") + (name == null ? "(no name)" : name);
    }

    /** The namespace short hosts resolve in; required because a cluster would apply the file to one. */
    static String namespace(HasMetadata object) {
        if (object.getMetadata() == null || isBlank(object.getMetadata().getName())) {
            throw new InvalidRoutingException(describe(object), "metadata.name", "is required");
        }
        String namespace = object.getMetadata().getNamespace();
        if (isBlank(namespace)) {
            throw new InvalidRoutingException(describe(object), "metadata.namespace",
                    "is required: short hosts such as logic-app resolve in it");
        }
        return namespace;
    }

    static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
