package demo.mesh.console.routing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A watched VirtualService was added, modified or deleted. {@code current} is absent for deletions and for
 * VirtualServices that no longer have a weighted route.
 */
@Serdeable
public record RouteChange(Type type, String namespace, String name, @Nullable VirtualServiceRoutes current) {

    public enum Type { ADDED, MODIFIED, DELETED }
}
