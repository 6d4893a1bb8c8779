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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every check can fail: src/test/resources/broken/ plants mistakes (each marked with its code), and
 * each check must report exactly those meant for it, with the message a reader would see.
 */
class BrokenFixtureTest {

    private static final String CONTAINER = "spec.template.spec.containers[0]";

    private final Manifests broken = Manifests.of(new ManifestReader().readTree(ProjectFiles.testResource("broken")));

    static Stream<Arguments> checksAndTheFindingsPlantedForThem() {
        return Stream.of(
                row(new SubsetDefinedCheck(),
                        "[MT101] VirtualService logic-app: spec.http[0].route[1].destination.subset: subset v4 is not"
                                + " defined in a DestinationRule for host logic-app"),
                row(new SubsetLabelsCheck(),
                        "[MT102] DestinationRule logic-app: spec.subsets[2].labels: subset v3 (labels version=v3)"
                                + " matches no Deployment's pods"),
                row(new DestinationHostCheck(),
                        "[MT104] VirtualService mesh-demo-ingress: spec.http[0].route[0].destination.port.number:"
                                + " port 80 is not a port of Service access-app",
                        "[MT103] VirtualService payments: spec.http[0].route[0].destination.host: host"
                                + " payments.mesh-demo.svc.cluster.local is not a Service in these manifests"),
                row(new RouteWeightCheck(),
                        "[MT106] VirtualService logic-app: spec.http[0].route: weights add up to 110, not 100",
                        "[MT105] VirtualService logic-app: spec.http[1].route[0].weight: weight '100' is not an integer"),
                row(new UnreachableRouteCheck(),
                        "[MT107] VirtualService mesh-demo-ingress: spec.http[1]: route 'console' can never match:"
                                + " route 'access-app' before it matches every request",
                        "[MT107] VirtualService logic-app: spec.http[1]: route 'logic-app-canary' can never match:"
                                + " route 'logic-app-split' before it matches every request"),
                row(new GatewayReferenceCheck(),
                        "[MT108] VirtualService mesh-demo-ingress: spec.gateways[0]: Gateway mesh-demo-gatway is not"
                                + " defined"),
                row(new ServiceSelectorCheck(),
                        "[MT202] Service logic-app: spec.selector.version: selector includes label version, so the"
                                + " Service cannot span the versions Istio splits traffic between",
                        "[MT201] Service access-app: spec.selector: selector app=acess-app matches no Deployment's pods"),
                row(new PortNamingCheck(),
                        "[MT204] Service logic-app: spec.ports[0].appProtocol: port grpc is named for grpc but"
                                + " appProtocol says http",
                        "[MT203] Service access-app: spec.ports[0].name: port web has neither a protocol name (grpc,"
                                + " http, ...) nor appProtocol, so Istio treats it as opaque TCP",
                        "[MT205] Service mesh-console: spec.ports[0].targetPort: targetPort web is not a container port"
                                + " of Deployment mesh-console",
                        "[MT206] Deployment logic-app-v1: " + CONTAINER + ".ports[1]: containerPort 8080 has no name"),
                row(new NamingCheck(ProjectFiles.root()),
                        "[MT302] Deployment logic-app-2: metadata.name: should be logic-app-v2, after the pod labels"
                                + " app and version",
                        "[MT303] Deployment access-app: " + CONTAINER + ".image: image registry.example.com/edge:0.1.0"
                                + " should be named after the Deployment: access-app",
                        "[MT306] Deployment access-app: spec.template.spec.serviceAccountName: ServiceAccount"
                                + " access-app is not defined",
                        "[MT305] Deployment mesh-console: spec.template.spec.serviceAccountName: serviceAccountName"
                                + " console should be the app label, mesh-console",
                        "[MT304] Deployment billing: " + CONTAINER + ".image: no module folder billing/ builds image"
                                + " billing:0.1.0",
                        "[MT305] Deployment billing: spec.template.spec.serviceAccountName: serviceAccountName"
                                + " logic-app should be the app label, billing",
                        "[MT307] Deployment billing: spec.template.metadata.labels.app: no Service billing for app"
                                + " billing",
                        "[MT301] Deployment worker: spec.template.metadata.labels: pod template has no app label"),
                row(new SecurityContextCheck(),
                        "[MT401] Deployment access-app: " + CONTAINER + ".securityContext.runAsNonRoot: must be true"
                                + " (restricted pod security)",
                        "[MT402] Deployment access-app: " + CONTAINER + ".volumeMounts: root filesystem is read-only"
                                + " but no emptyDir is mounted at /tmp",
                        "[MT401] Deployment access-app: " + CONTAINER + ".securityContext.allowPrivilegeEscalation:"
                                + " must be false (restricted pod security)",
                        "[MT401] Deployment access-app: " + CONTAINER + ".securityContext.capabilities.drop: must be"
                                + " [ALL] (restricted pod security)"),
                row(new ProbeCheck(),
                        "[MT404] Deployment logic-app-v1: " + CONTAINER + ".livenessProbe.grpc.port: port 9999 is not"
                                + " a port of container logic-app",
                        "[MT403] Deployment access-app: " + CONTAINER + ".readinessProbe: container access-app has no"
                                + " readinessProbe"),
                row(new ResourceCheck(),
                        "[MT405] Deployment access-app: " + CONTAINER + ".resources.limits.memory: container"
                                + " access-app does not set it"),
                row(new ConfigReferenceCheck(),
                        "[MT407] Deployment logic-app-v1: " + CONTAINER + ".env[0].valueFrom.configMapKeyRef.key:"
                                + " ConfigMap logic-app-config has no key LOG_LEVEL",
                        "[MT406] Deployment access-app: " + CONTAINER + ".envFrom[0].configMapRef.name: ConfigMap"
                                + " access-app-config is not defined"),
                row(new RbacCheck(),
                        "[MT503] ClusterRoleBinding mesh-console-admin: kind: grants rights in every namespace; use a"
                                + " Role in the app's namespace",
                        "[MT502] Role mesh-console: rules[0].resources: grants '*'; name each one",
                        "[MT501] RoleBinding mesh-console: roleRef.name: Role mesh-konsole is not defined",
                        "[MT306] RoleBinding mesh-console: subjects[1].name: ServiceAccount grafana is not defined"),
                row(new AuthorizationPolicyCheck(),
                        "[MT505] AuthorizationPolicy logic-app: spec.rules[0].from[0].source.principals[0]: principal"
                                + " cluster.local/ns/mesh-demo/sa/acces-app names ServiceAccount acces-app, which is"
                                + " not defined in namespace mesh-demo",
                        "[MT504] AuthorizationPolicy access-app: spec.selector.matchLabels: selector app=access"
                                + " matches no Deployment's pods"));
    }

    private static Arguments row(Check check, String... expected) {
        return arguments(check.getClass().getSimpleName(), check, List.of(expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checksAndTheFindingsPlantedForThem")
    void eachCheckReportsExactlyTheMistakesPlantedForIt(String name, Check check, List<String> expected) {
        assertThat(check.check(broken)).map(Finding::toString).containsExactlyElementsOf(expected);
    }

    @Test
    void theFixtureMakesEveryCodeInTheTableFire() {
        List<Code> reported = Checks.run(Checks.all(ProjectFiles.root()), broken).stream().map(Finding::code).toList();

        assertThat(reported).containsAll(List.of(Code.values()));
    }

    @Test
    void theTableAboveCoversEveryCheckThatRuns() {
        List<Object> tested = checksAndTheFindingsPlantedForThem().map(row -> row.get()[0]).toList();
        List<String> running = Checks.all(ProjectFiles.root()).stream().map(c -> c.getClass().getSimpleName())
                .toList();

        assertThat(tested).containsExactlyInAnyOrderElementsOf(running);
    }
}
