package demo.mesh.console.scale;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.List;
import java.util.stream.IntStream;

/**
 * A mesh of many services, as the scale tests and {@code bench/scale.sh} set it up: {@code count} VirtualServices
 * spread evenly over {@code namespaces} namespaces, each with a DestinationRule of subsets v1 and v2 and a running pod
 * per subset. Every other VirtualService has two weighted routes, the rest three; route {@code r0} of VirtualService
 * {@code n} starts at v1={@link #v1Weight}, so a test knows every split without reading it.
 *
 * @param count      how many VirtualServices
 * @param namespaces how many namespaces they are spread over, {@code scale-00}, {@code scale-01}, …
 */
public record ManyRoutes(int count, int namespaces) {

    public String namespace(int index) {
        return "scale-%02d".formatted(index % namespaces);
    }

    public String name(int index) {
        return "svc-%03d".formatted(index);
    }

    public int routeCount(int index) {
        return index % 2 == 0 ? 2 : 3;
    }

    public String routeName(int route) {
        return "r" + route;
    }

    /** Route {@code route} of VirtualService {@code index} sends this share to v1 and the rest to v2. */
    public int v1Weight(int index, int route) {
        return 100 - (index + route * 10) % 101;
    }

    public List<String> namespaceNames() {
        return IntStream.range(0, namespaces).mapToObj(this::namespace).toList();
    }

    /** Creates every object through {@code client}, as kubectl apply would. */
    public void create(KubernetesClient client) {
        namespaceNames().forEach(ns -> client.namespaces()
                .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create());
        for (int i = 0; i < count; i++) {
            String ns = namespace(i);
            client.genericKubernetesResources("networking.istio.io/v1", "DestinationRule").inNamespace(ns)
                    .resource(Serialization.unmarshal(destinationRule(i), GenericKubernetesResource.class)).create();
            for (String version : List.of("v1", "v2")) {
                client.pods().inNamespace(ns).resource(new PodBuilder()
                        .withNewMetadata().withName(name(i) + "-" + version).addToLabels("app", name(i))
                        .addToLabels("version", version).endMetadata()
                        .withNewSpec().addNewContainer().withName("app").withImage(name(i) + ":" + version).endContainer()
                        .endSpec().withNewStatus().withPhase("Running").endStatus().build()).create();
            }
            client.genericKubernetesResources("networking.istio.io/v1", "VirtualService").inNamespace(ns)
                    .resource(Serialization.unmarshal(virtualService(i), GenericKubernetesResource.class)).create();
        }
    }

    private String destinationRule(int index) {
        return """
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: %1$s}
                spec:
                  host: %1$s
                  subsets:
                    - {name: v1, labels: {version: v1}}
                    - {name: v2, labels: {version: v2}}
                """.formatted(name(index));
    }

    /** Routes before the last match a path prefix, so only the last is the catch-all Istio requires at the end. */
    private String virtualService(int index) {
        StringBuilder http = new StringBuilder();
        int routes = routeCount(index);
        for (int route = 0; route < routes; route++) {
            String match = route < routes - 1 ? "match: [{uri: {prefix: /%s}}]".formatted(routeName(route)) : "";
            int v1 = v1Weight(index, route);
            http.append("""
                        - name: %1$s
                          %2$s
                          route:
                            - {destination: {host: %3$s, subset: v1}, weight: %4$d}
                            - {destination: {host: %3$s, subset: v2}, weight: %5$d}
                    """.formatted(routeName(route), match, name(index), v1, 100 - v1));
        }
        return """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: %1$s}
                spec:
                  hosts: [%1$s]
                  http:
                %2$s""".formatted(name(index), http);
    }
}
