package demo.mesh.cluster;

import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What k8s/mesh-console-rbac.yaml lets the console's ServiceAccount do, asked of the API server's own authorizer
 * (SubjectAccessReview), with the groups every ServiceAccount token carries: each call the console makes is
 * allowed, and what it must never do is not.
 */
@Tag("k3s")
@ExtendWith({K3sAvailable.class, DemoOnK3s.class})
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class ConsoleRightsTest {
    private static final String CONSOLE = "system:serviceaccount:mesh-demo:mesh-console";
    private static final String[] TOKEN_GROUPS = {
            "system:serviceaccounts", "system:serviceaccounts:mesh-demo", "system:authenticated"};

    @ParameterizedTest(name = "may {0} {2} in {3}")
    @CsvSource({
            "get,    networking.istio.io, virtualservices,  mesh-demo",
            "list,   networking.istio.io, virtualservices,  mesh-demo",
            "watch,  networking.istio.io, virtualservices,  mesh-demo",
            "update, networking.istio.io, virtualservices,  mesh-demo",
            "list,   networking.istio.io, destinationrules, mesh-demo",
            "watch,  networking.istio.io, destinationrules, mesh-demo",
            "list,   '',                  pods,             mesh-demo",
            "watch,  '',                  pods,             mesh-demo",
            "list,   '',                  services,         mesh-demo",
            "watch,  '',                  services,         mesh-demo",
            "create, '',                  events,           mesh-demo",
            "list,   '',                  events,           mesh-demo",
            "get,    coordination.k8s.io, leases,           mesh-demo",
            "create, coordination.k8s.io, leases,           mesh-demo",
            "update, coordination.k8s.io, leases,           mesh-demo"})
    void theConsoleMayDoWhatItDoes(String verb, String group, String resource, String namespace, K3sCluster cluster) {
        assertThat(allowed(cluster, verb, group, resource, namespace)).isTrue();
    }

    @ParameterizedTest(name = "may not {0} {2} in {3}")
    @CsvSource({
            "delete, networking.istio.io, virtualservices,  mesh-demo",
            "create, networking.istio.io, virtualservices,  mesh-demo",
            "update, networking.istio.io, destinationrules, mesh-demo",
            "get,    '',                  secrets,          mesh-demo",
            "list,   '',                  secrets,          mesh-demo",
            "delete, '',                  pods,             mesh-demo",
            "update, '',                  services,         mesh-demo",
            "list,   networking.istio.io, virtualservices,  ''",
            "list,   '',                  pods,             kube-system",
            "delete, coordination.k8s.io, leases,           mesh-demo"})
    void theConsoleMayNotDoMore(String verb, String group, String resource, String namespace, K3sCluster cluster) {
        assertThat(allowed(cluster, verb, group, resource, namespace)).isFalse();
    }

    private static boolean allowed(K3sCluster cluster, String verb, String group, String resource, String namespace) {
        SubjectAccessReview review = new SubjectAccessReviewBuilder().withNewSpec()
                .withUser(CONSOLE).withGroups(TOKEN_GROUPS)
                .withNewResourceAttributes()
                    .withVerb(verb).withGroup(group).withResource(resource).withNamespace(namespace)
                .endResourceAttributes()
                .endSpec().build();
        return cluster.admin().authorization().v1().subjectAccessReview().create(review).getStatus().getAllowed();
    }
}
