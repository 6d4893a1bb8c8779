package demo.mesh.console.routing;

import io.micronaut.serde.annotation.Serdeable;

/** Names one VirtualService. */
@Serdeable
public record RouteRef(String namespace, String name) {

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
