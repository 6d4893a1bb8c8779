package demo.mesh.console.kubernetes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.istio.client.IstioClient;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/** The one fabric8 client of the console, configured like kubectl unless an API URL is given. */
@Factory
@Requires(property = "mesh-console.mode", value = "kubernetes")
class KubernetesClientFactory {

    @Singleton
    @Bean(preDestroy = "close")
    KubernetesClient kubernetesClient(KubernetesModeConfiguration configuration) {
        ConfigBuilder config = new ConfigBuilder(Config.autoConfigure(null))
                .withRequestTimeout((int) configuration.requestTimeout().toMillis())
                .withConnectionTimeout((int) configuration.requestTimeout().toMillis())
                // A person waits on the other end of every call: fail fast and let them retry.
                .withRequestRetryBackoffLimit(1)
                .withRequestRetryBackoffInterval(200);
        if (configuration.apiUrl() != null && !configuration.apiUrl().isBlank()) {
            config.withMasterUrl(configuration.apiUrl());
        }
        // Without scanning the class path for every kind fabric8 models (about 600 classes of API groups the console
        // never reads, loaded on the first watch event): each informer and call names its own type.
        KubernetesSerialization serialization = new KubernetesSerialization(new ObjectMapper(), false);
        return new KubernetesClientBuilder().withConfig(config.build()).withKubernetesSerialization(serialization).build();
    }

    @Singleton
    IstioClient istioClient(KubernetesClient client) {
        return client.adapt(IstioClient.class);
    }
}
