package demo.mesh.console.kubernetes;

import demo.mesh.console.ConsoleConfiguration;
import demo.mesh.console.WatchedNamespaces;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.client.IstioClient;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the console reads from the Kubernetes API, kept by fabric8 shared informers the way controllers keep it: one
 * list and one watch per kind and watched namespace (VirtualServices, DestinationRules, Services, pods), so showing
 * the routes costs the API server nothing and a shift costs only its write and its Event. Watching every namespace
 * ({@code *}) is one list and one watch per kind for the whole cluster; reads then take one namespace from the
 * informers' namespace index, so a read costs what it costs with the namespace watched alone.
 *
 * <p>A cache is only as good as its watch. While an informer has not synced or is re-watching (the API server went
 * away, or dropped the connection), reads of that namespace go to the API server itself: a person is never shown a
 * split the console cannot vouch for, and an API server that is gone answers as gone (503). Namespaces the console
 * does not watch are read directly too; its Role grants it nothing there, so that read says so.
 *
 * <p>The console's own writes are seen at once: the object a write returns is kept until the VirtualService informer
 * catches up with it, so the next read after a write is never older than the write (a rollout writes three times in
 * a row, each with the version the last one returned). A read that is older than the caller's version is a conflict
 * the caller retries, never a lost update: writes always carry the caller's version to the API server.
 */
@Singleton
@Requires(property = "mesh-console.mode", value = "kubernetes")
public class KubernetesCache {

    private static final Logger LOG = LoggerFactory.getLogger(KubernetesCache.class);

    static final ResourceDefinitionContext VIRTUAL_SERVICES = new ResourceDefinitionContext.Builder()
            .withGroup("networking.istio.io")
            .withVersion("v1")
            .withKind("VirtualService")
            .withPlural("virtualservices")
            .withNamespaced(true)
            .build();

    /** How long a change waits for its namespace's first sync before its view is read from the API server. */
    private static final Duration SYNC_WAIT = Duration.ofSeconds(30);

    private final KubernetesClient client;
    private final IstioClient istio;
    /** By namespace, or one entry under {@link WatchedNamespaces#ALL} when every namespace is watched. */
    private final Map<String, WatchedKinds> watched = new LinkedHashMap<>();
    private final List<String> namedNamespaces;
    private final boolean everyNamespace;
    private final OwnWrites ownWrites = new OwnWrites();

    public KubernetesCache(KubernetesClient client, IstioClient istio, ConsoleConfiguration configuration) {
        this.client = client;
        this.istio = istio;
        WatchedNamespaces namespaces = configuration.watched();
        namedNamespaces = namespaces.names();
        everyNamespace = namespaces.all();
        if (everyNamespace) {
            watch(WatchedNamespaces.ALL, virtualServices().inAnyNamespace(),
                    istio.v1().destinationRules().inAnyNamespace(), client.services().inAnyNamespace(),
                    client.pods().inAnyNamespace());
        }
        for (String ns : namespaces.names()) {
            watch(ns, virtualServices().inNamespace(ns), istio.v1().destinationRules().inNamespace(ns),
                    client.services().inNamespace(ns), client.pods().inNamespace(ns));
        }
    }

    private void watch(String namespace, Informable<GenericKubernetesResource> virtualServices,
                       Informable<DestinationRule> destinationRules, Informable<Service> services, Informable<Pod> pods) {
        SharedIndexInformer<GenericKubernetesResource> vsInformer = inform(virtualServices, "VirtualServices", namespace);
        vsInformer.addEventHandler(ownWrites.catchingUp());
        watched.put(namespace, new WatchedKinds(vsInformer, inform(destinationRules, "DestinationRules", namespace),
                inform(services, "Services", namespace), inform(pods, "pods", namespace)));
    }

    /** The informers holding {@code namespace}, or null when it is not watched. */
    private WatchedKinds informersOf(String namespace) {
        return watched.get(everyNamespace ? WatchedNamespaces.ALL : namespace);
    }

    /**
     * Every VirtualService of every watched namespace, by namespace and name, to read and never edit: the cached
     * objects themselves, as copying 500 of them was a third of the cost of listing the routes. Edits start from
     * {@link #virtualService(String, String)}, which copies. Listed from the API server (one call for the cluster)
     * while a watch is down, as {@link #virtualServices(String)} is.
     */
    List<GenericKubernetesResource> allVirtualServices() {
        if (!everyNamespace) {
            return namedNamespaces.stream().flatMap(ns -> virtualServices(ns).stream()).toList();
        }
        WatchedKinds informers = watched.get(WatchedNamespaces.ALL);
        List<GenericKubernetesResource> all = (informers != null && informers.readFromCache()) ? informers.virtualServices().getStore().list()
                : KubernetesCalls.listIstio("VirtualServices in every namespace",
                        () -> virtualServices().inAnyNamespace().list().getItems());
        return all.stream()
                .sorted(Comparator.comparing((GenericKubernetesResource vs) -> vs.getMetadata().getNamespace())
                        .thenComparing(vs -> vs.getMetadata().getName()))
                .map(ownWrites::newest)
                .toList();
    }

    /** Every VirtualService of {@code namespace}, copies the caller may edit. */
    List<GenericKubernetesResource> virtualServices(String namespace) {
        WatchedKinds informers = informersOf(namespace);
        if (!(informers != null && informers.readFromCache())) {
            return KubernetesCalls.listIstio("VirtualServices in namespace " + namespace,
                    () -> virtualServices().inNamespace(namespace).list().getItems());
        }
        List<GenericKubernetesResource> all = new ArrayList<>();
        for (GenericKubernetesResource cached : inNamespace(informers.virtualServices(), namespace)) {
            all.add(copy(ownWrites.newest(cached)));
        }
        return all;
    }

    /** One VirtualService, a copy the caller may edit, or empty when there is none. */
    Optional<GenericKubernetesResource> virtualService(String namespace, String name) {
        WatchedKinds informers = informersOf(namespace);
        if (!(informers != null && informers.readFromCache())) {
            return Optional.ofNullable(KubernetesCalls.call("VirtualService " + namespace + "/" + name,
                    () -> virtualServices().inNamespace(namespace).withName(name).get()));
        }
        GenericKubernetesResource cached = informers.virtualServices().getStore().getByKey(namespace + "/" + name);
        return Optional.ofNullable(cached).map(ownWrites::newest).map(this::copy);
    }

    /**
     * Moves whenever a DestinationRule, Service or pod changes anywhere the console watches; valid while
     * {@link #live()}, as only the informers count changes.
     */
    long changesToOtherKinds() {
        return watched.values().stream()
                .mapToLong(w -> w.destinationRuleLists().changesSoFar() + w.serviceLists().changesSoFar()
                        + w.podLists().changesSoFar())
                .sum();
    }

    /** Whether every informer is synced and watching, so reads come from the cache. */
    boolean live() {
        return watched.values().stream().allMatch(WatchedKinds::live);
    }

    /** Keeps what the console's own write returned until the informer has seen it: see the class comment. */
    void wrote(GenericKubernetesResource written) {
        ownWrites.wrote(written);
    }

    List<DestinationRule> destinationRules(String namespace) {
        return read(namespace, WatchedKinds::destinationRuleLists, () -> KubernetesCalls.listIstio(
                "DestinationRules in namespace " + namespace,
                () -> istio.v1().destinationRules().inNamespace(namespace).list().getItems()));
    }

    List<Service> services(String namespace) {
        return read(namespace, WatchedKinds::serviceLists, () -> KubernetesCalls.call("Services in namespace " + namespace,
                () -> client.services().inNamespace(namespace).list().getItems()));
    }

    List<Pod> pods(String namespace) {
        return read(namespace, WatchedKinds::podLists, () -> KubernetesCalls.call("pods in namespace " + namespace,
                () -> client.pods().inNamespace(namespace).list().getItems()));
    }

    /**
     * Calls {@code handler} with every change to a VirtualService of a watched namespace, in order, on a thread of
     * its own: what it does (building the view of a route reads the other kinds) never holds up an informer. A
     * change is handed on once its namespace has first synced, so the view of the objects every informer replays at
     * start-up is read from the cache, not from the API server, one object at a time.
     */
    AutoCloseable onVirtualServiceChange(ResourceEventHandler<GenericKubernetesResource> handler) {
        ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, "virtualservice-changes");
            t.setDaemon(true);
            return t;
        });
        List<Runnable> removals = new ArrayList<>();
        watched.values().forEach(informers -> {
            ResourceEventHandler<GenericKubernetesResource> handOver = new HandOver(handler, thread, informers.synced(), SYNC_WAIT);
            informers.virtualServices().addEventHandler(handOver);
            removals.add(() -> informers.virtualServices().removeEventHandler(handOver));
        });
        return () -> {
            removals.forEach(Runnable::run);
            thread.shutdownNow();
        };
    }

    @PreDestroy
    void close() {
        watched.values().forEach(WatchedKinds::close);
    }

    /**
     * Read-only objects of the cache, as they are: DestinationRules, Services and pods are only looked at, never
     * edited, so they are not copied.
     */
    private <T extends HasMetadata> List<T> read(String namespace, Function<WatchedKinds, NamespaceLists<T>> kind,
                                                  Supplier<List<T>> direct) {
        WatchedKinds informers = informersOf(namespace);
        if (!(informers != null && informers.readFromCache())) {
            return direct.get();
        }
        return kind.apply(informers).in(namespace);
    }

    /** From the namespace index every fabric8 informer keeps: the same whether it watches one namespace or all. */
    private static <T extends HasMetadata> List<T> inNamespace(SharedIndexInformer<T> informer, String namespace) {
        return NamespaceLists.byName(informer.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace));
    }

    private GenericKubernetesResource copy(GenericKubernetesResource resource) {
        return client.getKubernetesSerialization().clone(resource);
    }

    private MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> virtualServices() {
        return client.genericKubernetesResources(VIRTUAL_SERVICES);
    }

    /** An informer, not started yet: {@link WatchedKinds} starts the four of a namespace together. */
    private static <T extends HasMetadata> SharedIndexInformer<T> inform(Informable<T> what, String kind,
                                                                          String namespace) {
        SharedIndexInformer<T> informer = what.runnableInformer(0);
        // Keep retrying when the API is down at start-up instead of giving up on the watch for good.
        informer.exceptionHandler((started, t) -> {
            LOG.warn("Watch of {} in {} failed, retrying: {}", kind, namespace, t.getMessage());
            return true;
        });
        return informer;
    }
}
