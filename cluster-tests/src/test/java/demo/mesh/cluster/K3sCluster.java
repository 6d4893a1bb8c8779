package demo.mesh.cluster;

import demo.mesh.manifests.ManifestReader;
import io.fabric8.kubernetes.api.model.ConfigBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * One k3s server in Docker (Testcontainers), with a fabric8 client signed in as its administrator. Everything is
 * applied the way {@code kubectl apply --server-side} applies it: the YAML as written, no client-side model between.
 */
final class K3sCluster implements AutoCloseable {
    /** Where k3s keeps its administrator's kubeconfig in the container, for the tools run there (istioctl, kubectl). */
    static final String KUBECONFIG = "/etc/rancher/k3s/k3s.yaml";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration CRD_READY_TIMEOUT = Duration.ofSeconds(60);
    private static final String FIELD_MANAGER = "cluster-tests";

    private final K3sContainer container;
    private final KubernetesClient admin;

    private K3sCluster(K3sContainer container) {
        this.container = container;
        this.admin = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(container.getKubeConfigYaml())).build();
    }

    /** Starts the pinned k3s image and waits until its node controller has synced. */
    static K3sCluster start() {
        K3sContainer container = new K3sContainer(DockerImageName.parse(Project.K3S_IMAGE));
        // Testcontainers' own arguments, less what no test uses: each is one more image to pull. Services are
        // reached by port-forward, so neither an ingress controller nor k3s's load balancer is needed.
        container.withCommand("server", "--disable=traefik", "--disable=servicelb", "--disable=metrics-server",
                "--tls-san=" + container.getHost());
        container.withStartupTimeout(START_TIMEOUT);
        container.start();
        try {
            return new K3sCluster(container);
        } catch (RuntimeException e) {
            container.stop();
            throw e;
        }
    }

    KubernetesClient admin() {
        return admin;
    }

    /** Server-side applies every object of {@code yaml}, in order; {@code source} names it in messages. */
    List<GenericKubernetesResource> apply(String yaml, String source) {
        List<GenericKubernetesResource> objects = new ManifestReader().read(yaml, source).stream()
                .map(manifest -> Serialization.unmarshal(manifest.body().toString(), GenericKubernetesResource.class))
                .toList();
        objects.forEach(object -> admin.resource(object).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply());
        return objects;
    }

    /**
     * Applies CustomResourceDefinitions and waits until the API server serves each of them and lists it in its
     * discovery documents, where fabric8 looks up how to address the objects applied next.
     */
    void applyCrds(String yaml, String source) {
        for (GenericKubernetesResource applied : apply(yaml, source)) {
            CustomResourceDefinition crd = admin.apiextensions().v1().customResourceDefinitions()
                    .withName(applied.getMetadata().getName())
                    .waitUntilCondition(K3sCluster::established, CRD_READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            crd.getSpec().getVersions().stream().filter(CustomResourceDefinitionVersion::getServed).forEach(version ->
                    await(crd.getMetadata().getName() + " " + version.getName() + " in API discovery")
                            .atMost(CRD_READY_TIMEOUT).ignoreExceptions()
                            .until(() -> admin.getApiResources(crd.getSpec().getGroup() + "/" + version.getName())
                                    .getResources().stream()
                                    .anyMatch(r -> r.getName().equals(crd.getSpec().getNames().getPlural()))));
        }
    }

    private static boolean established(CustomResourceDefinition crd) {
        return crd != null && crd.getStatus() != null && crd.getStatus().getConditions().stream()
                .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /**
     * A kubeconfig for this cluster that signs in with a token of ServiceAccount {@code namespace/name}: what a pod
     * running as that ServiceAccount gets, and so exactly the rights its Role grants.
     */
    String kubeconfigFor(String namespace, String serviceAccount) {
        String token = admin.serviceAccounts().inNamespace(namespace).withName(serviceAccount)
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build())
                .getStatus().getToken();
        Config cluster = admin.getConfiguration();
        return Serialization.asYaml(new ConfigBuilder()
                .withApiVersion("v1").withKind("Config")
                .addNewCluster().withName("k3s").withNewCluster()
                    .withServer(cluster.getMasterUrl())
                    .withCertificateAuthorityData(cluster.getCaCertData())
                .endCluster().endCluster()
                .addNewUser().withName(serviceAccount).withNewUser().withToken(token).endUser().endUser()
                .addNewContext().withName(serviceAccount).withNewContext()
                    .withCluster("k3s").withUser(serviceAccount).withNamespace(namespace)
                .endContext().endContext()
                .withCurrentContext(serviceAccount)
                .build());
    }

    /** The node's CPU architecture as Go names it (amd64, arm64): which build of a binary runs in the container. */
    String architecture() {
        String machine = DockerClientFactory.instance().getInfo().getArchitecture();
        return switch (machine) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> throw new IllegalStateException("no Istio build for a " + machine + " Docker engine");
        };
    }

    /** Copies a file into the k3s container, e.g. an image tar or a binary; {@code mode} as for chmod. */
    void copyIn(Path file, String pathInContainer, int mode) {
        container.copyFileToContainer(MountableFile.forHostPath(file, mode), pathInContainer);
    }

    /** Runs a command in the k3s container (it has ctr, kubectl and crictl); fails with its output unless it exits 0. */
    String exec(String... command) {
        try {
            ExecResult result = container.execInContainer(command);
            if (result.getExitCode() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed in the k3s container (exit "
                        + result.getExitCode() + "): " + result.getStderr().strip() + " " + result.getStdout().strip());
            }
            return result.getStdout();
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + String.join(" ", command) + " in the k3s container", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }

    @Override
    public void close() {
        admin.close();
        container.stop();
    }
}
