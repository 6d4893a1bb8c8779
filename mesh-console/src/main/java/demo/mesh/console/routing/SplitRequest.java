package demo.mesh.console.routing;

import io.micronaut.core.annotation.Nullable;

/**
 * A request to set the weights of one route.
 *
 * @param route           the HTTP route name; may be null when the VirtualService has a single weighted route
 * @param weights         the new split
 * @param resourceVersion the version the caller read; the write only happens if it is still current
 */
public record SplitRequest(@Nullable String route, WeightSplit weights, String resourceVersion) {

    public SplitRequest {
        if (resourceVersion == null || resourceVersion.isBlank()) {
            throw RoutingException.invalid("resourceVersion",
                    "resourceVersion is required: send the resourceVersion you read, so a concurrent change is never overwritten");
        }
    }
}
