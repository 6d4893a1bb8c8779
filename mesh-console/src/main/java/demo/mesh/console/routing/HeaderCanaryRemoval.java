package demo.mesh.console.routing;

import io.micronaut.core.annotation.Nullable;

/**
 * A request to remove the header canary for one header in front of a route.
 *
 * @param route           the weighted route; may be null when the VirtualService has a single weighted route
 * @param header          the header whose route goes
 * @param resourceVersion the version the caller read; the write only happens if it is still current
 */
public record HeaderCanaryRemoval(@Nullable String route, String header, String resourceVersion) {

    public HeaderCanaryRemoval {
        if (header == null || header.isEmpty()) {
            throw RoutingException.invalid("header", "header is required: the header whose route to remove, e.g. \"x-canary\"");
        }
        HeaderCanaryRequest.requireVersion(resourceVersion);
    }
}
