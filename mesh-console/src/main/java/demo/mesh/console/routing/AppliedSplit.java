package demo.mesh.console.routing;

import java.util.Map;

/**
 * The outcome of setting a route's weights: the VirtualService as it now is, and the split of the edited route
 * before and after. {@code changed} is false when the requested split was already in place and nothing was written.
 */
public record AppliedSplit(VirtualServiceRoutes state, String route, Map<String, Integer> before,
                           Map<String, Integer> after, boolean changed) {
}
