package demo.mesh.console;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A stand-in for the Kubernetes API server: fabric8's mock server in CRUD mode on a loopback port. No real API
 * server can run here. It stores, versions and watches objects like the real one (a watch from a version sends only
 * later changes: {@link ExactWatches}), and refuses updates with a stale resourceVersion; it does not validate Istio
 * schemas or expire Events. It can be {@linkplain #stop() stopped} and
 * {@linkplain #restart() restarted} like an API server going away and coming back.
 */
public final class KubernetesStandIn implements AutoCloseable {

    public static final String NAMESPACE = "mesh-demo";

    private static final List<CustomResourceDefinitionContext> ISTIO = List.of(
            istio("VirtualService", "virtualservices"),
            istio("DestinationRule", "destinationrules"));

    /** The stored objects and the resourceVersion counter live here, not in the server, so they outlive a restart. */
    private final KubernetesCrudDispatcher store = new ExactWatches(ISTIO);
    private final int port;
    private final KubernetesClient client;
    private KubernetesMockServer server;
    private final List<Runnable> followers = new CopyOnWriteArrayList<>();

    public KubernetesStandIn() {
        server = serve(0);
        port = server.getPort();
        client = server.createClient();
    }

    /**
     * Takes the API server away: its port refuses connections and open watches are cut, as when the control plane
     * crashes or restarts. The stored objects are kept for {@link #restart()}.
     */
    public void stop() {
        server.destroy();
    }

    /**
     * Brings the API server back on the same port with the objects it held, versions counting on from where they
     * were. A mock web server cannot be started twice, so a new one serves the same store.
     */
    public void restart() {
        server = serve(port);
    }

    /** The API server URL, for {@code mesh-console.kubernetes.api-url}. */
    public String url() {
        return client.getMasterUrl().toString();
    }

    /** A client that acts as "someone else": kubectl, another tool, a colleague. */
    public KubernetesClient client() {
        return client;
    }

    /**
     * Runs {@code caughtUp} after every change made through this class ({@link #reset}, {@link #apply},
     * {@link #clear}, {@link #editVirtualService}): a console under test waits there until its cache holds the
     * change, so the next request reads it. Changes made through {@link #client()} are the test's to await.
     */
    public void afterEachChange(Runnable caughtUp) {
        followers.add(caughtUp);
    }

    /** Creates every object of a multi-document YAML file under {@code src/test/resources/fixtures/}. */
    public void apply(String fixture) {
        applyQuietly(fixture);
        changed();
    }

    private void applyQuietly(String fixture) {
        for (String document : read("fixtures/" + fixture).split("(?m)^---\\s*$")) {
            if (document.isBlank()) {
                continue;
            }
            GenericKubernetesResource resource = Serialization.unmarshal(document, GenericKubernetesResource.class);
            client.genericKubernetesResources(resource.getApiVersion(), resource.getKind())
                    .inNamespace(NAMESPACE).resource(resource).create();
        }
    }

    /** Starts over from exactly these fixtures: {@link #clear()}, then {@link #apply(String)} each. */
    public void reset(String... fixtures) {
        clearQuietly();
        for (String fixture : fixtures) {
            applyQuietly(fixture);
        }
        changed();
    }

    /** Removes everything the tests create, so each test starts from its fixtures alone. */
    public void clear() {
        clearQuietly();
        changed();
    }

    private void clearQuietly() {
        virtualServices().inNamespace(NAMESPACE).delete();
        client.genericKubernetesResources("networking.istio.io/v1", "DestinationRule").inNamespace(NAMESPACE).delete();
        client.pods().inNamespace(NAMESPACE).delete();
        client.v1().events().inNamespace(NAMESPACE).delete();
    }

    public GenericKubernetesResource virtualService(String name) {
        return virtualServices().inNamespace(NAMESPACE).withName(name).get();
    }

    /**
     * Changes a VirtualService the way a person with kubectl would: read it, change it, write it back with the version
     * read, and on a 409 (the console wrote in between) read it again and redo the change. A few tries are plenty:
     * the console writes at most a couple of times per tick.
     */
    public GenericKubernetesResource editVirtualService(String name, Consumer<GenericKubernetesResource> change) {
        KubernetesClientException lastConflict = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            GenericKubernetesResource vs = virtualService(name);
            change.accept(vs);
            try {
                GenericKubernetesResource updated = virtualServices().inNamespace(NAMESPACE).resource(vs).update();
                changed();
                return updated;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
                lastConflict = e;
            }
        }
        throw lastConflict;
    }

    private void changed() {
        followers.forEach(Runnable::run);
    }

    /** A VirtualService exactly as the API server stores it: raw JSON, field order and number formats included. */
    public String rawVirtualService(String name) {
        return client.raw(url() + "apis/networking.istio.io/v1/namespaces/" + NAMESPACE + "/virtualservices/" + name);
    }

    public MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> virtualServices() {
        return client.genericKubernetesResources("networking.istio.io/v1", "VirtualService");
    }

    /** The requests received since the last call, oldest first, as "GET /api/v1/namespaces/...": who asked what. */
    public List<String> takeRequests() {
        List<String> requests = new ArrayList<>();
        try {
            RecordedRequest request = server.takeRequest(0, TimeUnit.SECONDS);
            while (request != null) {
                requests.add(request.getMethod() + " " + request.getPath());
                request = server.takeRequest(0, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the stand-in's requests", e);
        }
        return requests;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }

    private KubernetesMockServer serve(int onPort) {
        KubernetesMockServer mock = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), store, false);
        mock.init(InetAddress.getLoopbackAddress(), onPort);
        return mock;
    }

    private static CustomResourceDefinitionContext istio(String kind, String plural) {
        return new CustomResourceDefinitionContext.Builder()
                .withGroup("networking.istio.io").withVersion("v1").withKind(kind).withPlural(plural)
                .withScope("Namespaced").build();
    }

    private static String read(String resource) {
        try (InputStream in = KubernetesStandIn.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
