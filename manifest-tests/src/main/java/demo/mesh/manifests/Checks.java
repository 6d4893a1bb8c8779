package demo.mesh.manifests;

import demo.mesh.manifests.checks.AuthorizationPolicyCheck;
import demo.mesh.manifests.checks.ConfigReferenceCheck;
import demo.mesh.manifests.checks.DestinationHostCheck;
import demo.mesh.manifests.checks.GatewayReferenceCheck;
import demo.mesh.manifests.checks.NamingCheck;
import demo.mesh.manifests.checks.PortNamingCheck;
import demo.mesh.manifests.checks.ProbeCheck;
import demo.mesh.manifests.checks.RbacCheck;
import demo.mesh.manifests.checks.ResourceCheck;
import demo.mesh.manifests.checks.RouteWeightCheck;
import demo.mesh.manifests.checks.SecurityContextCheck;
import demo.mesh.manifests.checks.ServiceSelectorCheck;
import demo.mesh.manifests.checks.SubsetDefinedCheck;
import demo.mesh.manifests.checks.SubsetLabelsCheck;
import demo.mesh.manifests.checks.UnreachableRouteCheck;

import java.nio.file.Path;
import java.util.List;

/** Every rule, and running them all. */
public final class Checks {

    private Checks() {
    }

    /** Every check; {@code projectRoot} holds the app module folders that images are named after. */
    public static List<Check> all(Path projectRoot) {
        return List.of(
                new SubsetDefinedCheck(),
                new SubsetLabelsCheck(),
                new DestinationHostCheck(),
                new RouteWeightCheck(),
                new UnreachableRouteCheck(),
                new GatewayReferenceCheck(),
                new ServiceSelectorCheck(),
                new PortNamingCheck(),
                new NamingCheck(projectRoot),
                new SecurityContextCheck(),
                new ProbeCheck(),
                new ResourceCheck(),
                new ConfigReferenceCheck(),
                new RbacCheck(),
                new AuthorizationPolicyCheck());
    }

    /** The findings of every check, in check order. */
    public static List<Finding> run(List<Check> checks, Manifests manifests) {
        return checks.stream().flatMap(check -> check.check(manifests).stream()).toList();
    }
}
