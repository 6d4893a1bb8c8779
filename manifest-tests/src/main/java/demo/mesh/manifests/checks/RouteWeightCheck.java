package demo.mesh.manifests.checks;

import com.fasterxml.jackson.databind.JsonNode;
import demo.mesh.manifests.Check;
import demo.mesh.manifests.Code;
import demo.mesh.manifests.Finding;
import demo.mesh.manifests.Manifest;
import demo.mesh.manifests.Manifests;
import demo.mesh.manifests.VirtualServices;
import demo.mesh.manifests.VirtualServices.Destination;
import demo.mesh.manifests.VirtualServices.Route;

import java.util.ArrayList;
import java.util.List;

/**
 * Route weights are whole numbers adding up to 100 on every route with several destinations; a lone
 * destination may omit its weight (it takes everything) or say 100.
 */
public final class RouteWeightCheck implements Check {

    @Override
    public List<Finding> check(Manifests manifests) {
        List<Finding> findings = new ArrayList<>();
        for (Manifest virtualService : manifests.ofKind("VirtualService")) {
            for (Route route : VirtualServices.routes(virtualService)) {
                findings.addAll(checkRoute(virtualService, route));
            }
        }
        return findings;
    }

    private static List<Finding> checkRoute(Manifest virtualService, Route route) {
        List<Destination> destinations = route.destinations();
        List<Finding> findings = new ArrayList<>();
        int sum = 0;
        for (Destination destination : destinations) {
            JsonNode weight = destination.node().path("weight");
            boolean lone = destinations.size() == 1 && weight.isMissingNode();
            if (!lone && !weight.isIntegralNumber()) {
                findings.add(Code.WEIGHT_NOT_INTEGER.on(virtualService, destination.path() + ".weight",
                        weight.isMissingNode() ? "(missing)" : "'" + weight.asText() + "'"));
            }
            sum += lone ? 100 : weight.asInt();
        }
        if (findings.isEmpty() && !destinations.isEmpty() && sum != 100) {
            findings.add(Code.WEIGHTS_NOT_100.on(virtualService, route.path() + ".route", sum));
        }
        return findings;
    }
}
