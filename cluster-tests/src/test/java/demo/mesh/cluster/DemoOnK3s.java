package demo.mesh.cluster;

import java.time.Duration;

/**
 * Supplies a {@link K3sCluster} holding what {@code kubectl apply -k k8s} and {@code kubectl apply -k istio} create,
 * on Istio's CRDs but without Istio itself: the objects are real and the API server validates and serves them,
 * while the Deployments' pods never start (their images are not there), which no test here needs. Started once per
 * test run for every class that asks for it, stopped at the end.
 */
final class DemoOnK3s extends OncePerRun<K3sCluster> {
    /** A cold start pulls k3s (about 70 MB) and fetches the CRDs; a warm one should need well under a minute. */
    private static final Duration SET_UP_LIMIT = Duration.ofMinutes(6);

    DemoOnK3s() {
        super(K3sCluster.class, "k3s with the demo's manifests", SET_UP_LIMIT);
    }

    @Override
    K3sCluster start() {
        IstioRelease istio = new IstioRelease(Project.ISTIO_VERSION);
        String crds = istio.crds();
        K3sCluster cluster = K3sCluster.start();
        try {
            cluster.applyCrds(crds, "Istio " + istio.version() + " CRDs");
            cluster.apply(Project.kustomize("k8s"), "kubectl kustomize k8s");
            cluster.apply(Project.kustomize("istio"), "kubectl kustomize istio");
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }
}
