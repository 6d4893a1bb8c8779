package demo.mesh.cluster;

import io.fabric8.kubernetes.api.model.SecretBuilder;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Supplies the whole demo on a real mesh, deployed as {@code scripts/cluster-up.sh} and {@code scripts/deploy.sh}
 * deploy it: Istio (istioctl's default profile) and its Prometheus addon from the pinned release, the four app
 * images loaded into k3s's containerd, the console's users in Secret mesh-console-auth, {@code k8s/} (with the logic
 * apps' fault switch on, in a test overlay) and {@code istio/} applied. Started once per test run for every class
 * that asks for it, stopped at the end.
 */
final class DemoOnIstio extends OncePerRun<DeployedDemo> {
    /** k8s/ as shipped plus the fault switch; never the shipped default, as the switch has no sign-in. */
    private static final String WORKLOADS = "cluster-tests/src/test/kustomize/k8s-with-fault-switch";
    private static final String ISTIOCTL = "/tmp/istioctl";
    private static final Duration ISTIO_READY = Duration.ofMinutes(5);
    private static final Duration ROLLOUT_LIMIT = Duration.ofMinutes(5);
    /**
     * Cold, it downloads the Istio release and pulls k3s, Istio's two images and Prometheus's two; warm, five to ten
     * minutes. Each wait inside is bounded too.
     */
    private static final Duration SET_UP_LIMIT = Duration.ofMinutes(25);

    DemoOnIstio() {
        super(DeployedDemo.class, "the demo on k3s with Istio", SET_UP_LIMIT);
    }

    @Override
    DeployedDemo start() {
        IstioRelease istio = new IstioRelease(Project.ISTIO_VERSION);
        K3sCluster cluster = K3sCluster.start();
        try {
            installIstio(cluster, istio);
            installPrometheusAddon(cluster, istio);
            AppImagesBuilt.APPS.forEach(app -> importImage(cluster, app));
            cluster.apply(Project.kustomize(WORKLOADS), "kubectl kustomize " + WORKLOADS);
            createConsoleUsers(cluster);
            cluster.apply(Project.kustomize("istio"), "kubectl kustomize istio");
            AppImagesBuilt.APPS.forEach(app -> cluster.admin().apps().deployments()
                    .inNamespace(LogicAppVirtualService.NAMESPACE).withName(app)
                    .waitUntilReady(ROLLOUT_LIMIT.toSeconds(), TimeUnit.SECONDS));
            return DeployedDemo.connect(cluster, new SidecarRoutes(cluster, ISTIOCTL));
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /**
     * istioctl's default profile (istiod and the ingress gateway), run inside the k3s container so that its build
     * matches the node and it reaches the API server as the node does. The gateway's Service is a NodePort: with
     * k3s's load balancer off, istioctl would otherwise wait for an external address that never comes.
     */
    private static void installIstio(K3sCluster cluster, IstioRelease istio) {
        cluster.copyIn(istio.istioctl(cluster.architecture()), ISTIOCTL, 0755);
        cluster.exec(ISTIOCTL, "install", "--kubeconfig", K3sCluster.KUBECONFIG, "--skip-confirmation",
                "--set", "profile=default",
                "--set", "values.gateways.istio-ingressgateway.type=NodePort",
                "--readiness-timeout", ISTIO_READY.toMinutes() + "m");
    }

    /**
     * The release's {@code samples/addons/prometheus.yaml}, applied with kubectl as cluster-up.sh applies it: the
     * Prometheus that the console's health API and rollout checks query (mesh-console-config points there).
     */
    private static void installPrometheusAddon(K3sCluster cluster, IstioRelease istio) {
        String addon = "/tmp/prometheus-addon.yaml";
        cluster.copyIn(istio.prometheusAddon(), addon, 0644);
        cluster.exec("kubectl", "--kubeconfig", K3sCluster.KUBECONFIG, "apply", "-f", addon);
        cluster.admin().apps().deployments().inNamespace("istio-system").withName("prometheus")
                .waitUntilReady(ROLLOUT_LIMIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Into k3s's containerd, where the kubelet finds it under the name the Deployment runs (never pulled). */
    private static void importImage(K3sCluster cluster, String app) {
        String tar = "/tmp/images/" + app + ".tar";
        cluster.copyIn(AppImagesBuilt.imageTar(app), tar, 0644);
        cluster.exec("ctr", "--namespace", "k8s.io", "images", "import", tar);
    }

    /** The console's users, which k8s/ leaves to whoever deploys it (see k8s/README.md): one operator. */
    private static void createConsoleUsers(K3sCluster cluster) {
        cluster.admin().secrets().inNamespace(LogicAppVirtualService.NAMESPACE).resource(new SecretBuilder()
                .withNewMetadata().withName("mesh-console-auth").endMetadata()
                .addToStringData("users", ConsoleUser.usersFileLine(LogicAppVirtualService.NAMESPACE) + "\n")
                .build()).create();
    }
}
