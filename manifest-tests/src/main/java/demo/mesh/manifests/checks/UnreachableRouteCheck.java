package demo.mesh.manifests.checks;

import demo.mesh.manifests.Check;
import demo.mesh.manifests.Code;
import demo.mesh.manifests.Finding;
import demo.mesh.manifests.Manifest;
import demo.mesh.manifests.Manifests;
import demo.mesh.manifests.VirtualServices;
import demo.mesh.manifests.VirtualServices.Route;

import java.util.ArrayList;
import java.util.List;

/**
 * No HTTP route sits behind a route that matches every request (istioctl IST0130 "VirtualServiceUnreachableRule").
 * This is why the x-canary header route must come before the weighted split.
 */
public final class UnreachableRouteCheck implements Check {

    @Override
    public List<Finding> check(Manifests manifests) {
        List<Finding> findings = new ArrayList<>();
        for (Manifest virtualService : manifests.ofKind("VirtualService")) {
            Route catchAll = null;
            for (Route route : VirtualServices.routes(virtualService)) {
                if (!route.path().startsWith("spec.http")) {
                    continue;
                }
                if (catchAll != null) {
                    findings.add(Code.ROUTE_UNREACHABLE.on(virtualService, route.path(), route.label(), catchAll.label()));
                } else if (route.node().path("match").isEmpty()) {
                    catchAll = route;
                }
            }
        }
        return findings;
    }
}
