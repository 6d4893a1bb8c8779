package demo.mesh.system;

import com.fasterxml.jackson.databind.JsonNode;
import demo.mesh.testsupport.AppProcess;
import demo.mesh.testsupport.ConsoleClient;
import demo.mesh.testsupport.FaultSwitch;
import demo.mesh.testsupport.FreePort;
import demo.mesh.testsupport.ProjectBuild;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local mesh as scripts/run-local.sh starts it, as real processes on loopback: mesh-console in local mode serving
 * the shipped istio/*.yaml (the DestinationRule and one of the split files) and an endpoints file of this mesh's own
 * over xDS, the logic instances that file lists, and access-app on an {@code xds:///logic-app} channel. Each mesh
 * keeps its routing state in {@code system-tests/target/local-mesh/<name>/}, emptied at start, so meshes of
 * different tests never share it.
 */
final class LocalMesh implements AutoCloseable {
    static final String ROUTE = ConsoleClient.routePath("mesh-demo", "logic-app");
    private static final String USER = "tester";
    private static final String PASSWORD = "local-mesh-test";
    /** What the console is given: bcrypt (cost 4) of {@link #PASSWORD}; it accepts no plain password. */
    private static final String PASSWORD_HASH = "$2a$04$uZQ2vJ/dRfbZsI88iSkWG.tOjIxhnv7o6vu3G/tOm2oCFy30VsICO";

    /**
     * The instances of one release.
     *
     * @param properties Micronaut properties every instance starts with, e.g. the fault knob
     */
    record Release(String version, int instances, Map<String, String> properties) {
        Release {
            if (instances < 1) {
                throw new IllegalArgumentException("release " + version + " needs at least one instance");
            }
            properties = Map.copyOf(properties);
        }

        static Release of(String version) {
            return new Release(version, 1, Map.of());
        }

        Release instances(int count) {
            return new Release(version, count, properties);
        }

        Release with(String property, String value) {
            Map<String, String> more = new HashMap<>(properties);
            more.put(property, value);
            return new Release(version, instances, more);
        }
    }

    private final String name;
    private final Map<String, String> consoleProperties;
    private final Map<String, AppProcess> instances = new LinkedHashMap<>();
    /** Readers may start side by side ({@link SideBySide}). */
    private final List<AppProcess> readers = new CopyOnWriteArrayList<>();
    private AppProcess console;
    private AppProcess access;
    private TrafficSample traffic;

    private LocalMesh(String name, Map<String, String> consoleProperties) {
        this.name = name;
        this.consoleProperties = new HashMap<>(consoleProperties);
    }

    /** The name of the mesh {@link #likeRunLocal()} starts, for the scenarios that share it. */
    static final String LIKE_RUN_LOCAL = "like-run-local";
    /** The property that lets a test break a release live ({@link #fault}); run-local.sh sets it too. */
    static final String FAULT_SWITCH = "logic.fault.switch-enabled";

    /**
     * The mesh as run-local.sh starts it: one instance of each release, their fault switches on (and no fault set),
     * the shipped 90/10 split.
     */
    static LocalMesh likeRunLocal() throws Exception {
        return start(LIKE_RUN_LOCAL, Release.of("v1").with(FAULT_SWITCH, "true"),
                Release.of("v2").with(FAULT_SWITCH, "true"));
    }

    /** As {@link #start(String, String, Release...)} from the split run-local.sh starts with, 90/10. */
    static LocalMesh start(String name, Release... releases) throws Exception {
        return start(name, "90-10", releases);
    }

    /**
     * Starts every instance of {@code releases} (named {@code v1-1}, {@code v1-2}... in answers) side by side, then
     * the console with an endpoints file of the gRPC ports they reported, then access-app with a bootstrap for the xDS
     * port the console reported, each awaited ready; stops what started if anything fails.
     *
     * @param name  names the state folder and prefixes the process logs
     * @param split the shipped split the console serves until a shift: {@code 90-10} for
     *              {@code istio/virtual-service-logic-app-90-10.yaml}
     */
    static LocalMesh start(String name, String split, Release... releases) throws Exception {
        return start(name, split, Map.of(), releases);
    }

    /** As {@link #start(String, String, Release...)}, the console started with {@code consoleProperties} on top. */
    static LocalMesh start(String name, String split, Map<String, String> consoleProperties, Release... releases)
            throws Exception {
        Path splitFile = Path.of("istio", "virtual-service-logic-app-" + split + ".yaml");
        if (!Files.isRegularFile(ProjectBuild.root().resolve(splitFile))) {
            throw new IllegalArgumentException("no split file " + splitFile
                    + "; istio/ has 100-0, 90-10, 50-50 and 0-100");
        }
        Path state = ProjectBuild.root().resolve("system-tests/target/local-mesh").resolve(name);
        Files.createDirectories(state);
        Files.deleteIfExists(state.resolve("routing.yaml"));
        Files.deleteIfExists(state.resolve("routing-history.jsonl"));
        // The one port picked here rather than reported: the console is told where access-app's metrics and hello
        // are when it starts, and access-app the console's xDS port when it starts, so one of them must come first.
        int accessPort = FreePort.belowEphemeralRange();
        // As run-local.sh wires it: the console's embedded metrics source reads access-app's per-attempt metrics and
        // its load generator calls access-app's hello.
        Map<String, String> console = new HashMap<>(Map.of(
                "mesh-console.local.routing-files", "istio/destination-rule-logic-app.yaml," + splitFile,
                "mesh-console.local.endpoints-file", state.resolve("endpoints.yaml").toString(),
                "mesh-console.local.state-file", state.resolve("routing.yaml").toString(),
                "mesh-console.local.xds-port", "0",
                "mesh-console.metrics.scrape-targets", "http://127.0.0.1:" + accessPort + "/prometheus",
                "mesh-console.load.target", "http://127.0.0.1:" + accessPort + "/api/hello?name=console"));
        console.putAll(consoleProperties);
        LocalMesh mesh = new LocalMesh(name, console);
        try {
            // The instances know nothing of each other: they start side by side, each awaited ready.
            Map<String, Callable<AppProcess>> starts = new LinkedHashMap<>();
            for (Release release : releases) {
                for (int i = 1; i <= release.instances(); i++) {
                    String instance = release.version() + "-" + i;
                    Map<String, String> properties = new HashMap<>(release.properties());
                    properties.put("logic.instance", instance);
                    starts.put(instance, () -> AppProcess.start(name + "-logic-app-" + instance,
                            "logic-app-" + release.version(), properties));
                }
            }
            mesh.instances.putAll(SideBySide.start(starts));
            Map<String, List<Integer>> grpcPorts = new LinkedHashMap<>();
            for (Release release : releases) {
                List<Integer> ports = grpcPorts.computeIfAbsent(release.version(), version -> new ArrayList<>());
                for (int i = 1; i <= release.instances(); i++) {
                    ports.add(mesh.instance(release.version() + "-" + i).grpcPort());
                }
            }
            writeEndpoints(state, grpcPorts);
            mesh.startConsole();
            // A restarted console binds the same xDS port again: access-app's bootstrap names it for its life.
            mesh.consoleProperties.put("mesh-console.local.xds-port", String.valueOf(mesh.console.xdsPort()));
            mesh.access = AppProcess.start(name + "-access-app", "access-app",
                    Map.of("micronaut.server.port", String.valueOf(accessPort)), Map.of(
                    "LOGIC_APP_TARGET", "xds:///logic-app",
                    // As scripts/lib.sh's xds_bootstrap has it written: by XdsBootstrap, from the console's jar.
                    "GRPC_XDS_BOOTSTRAP_CONFIG", AppProcess.runMain("mesh-console", "demo.mesh.xds.XdsBootstrap",
                            "127.0.0.1:" + mesh.console.xdsPort(), "access-app")));
            mesh.traffic = new TrafficSample(mesh.access);
            return mesh;
        } catch (Exception | AssertionError e) {
            mesh.close();
            throw e;
        }
    }

    /** The subset addresses, as local/endpoints.yaml lists them: the gRPC ports the instances reported. */
    private static void writeEndpoints(Path state, Map<String, List<Integer>> grpcPorts) throws IOException {
        List<String> lines = new ArrayList<>(List.of("namespace: mesh-demo", "services:", "  logic-app:"));
        grpcPorts.forEach((version, ports) -> lines.add("    " + version + ": ["
                + String.join(", ", ports.stream().map(port -> "127.0.0.1:" + port).toList()) + "]"));
        lines.add("");
        Files.writeString(state.resolve("endpoints.yaml"), String.join("\n", lines));
    }

    TrafficSample traffic() {
        return traffic;
    }

    /** The logic instance answering as {@code instance} ({@code v1-1}, {@code v1-2}...). */
    AppProcess instance(String instance) {
        AppProcess process = instances.get(instance);
        if (process == null) {
            throw new IllegalArgumentException("no instance " + instance + " in this mesh, only " + instances.keySet());
        }
        return process;
    }

    /**
     * Sets the fault switch of logic instance {@code instance} ({@code v2-1}...), which must have started with
     * {@code logic.fault.switch-enabled}: e.g. {@code {"errorRate":0.3}}, {@code {"latency":"300ms"}}; {@code {}} heals.
     */
    void fault(String instance, String json) {
        new FaultSwitch(instance, instance(instance).uri()).set(json);
    }

    /** Sets the split of route logic-app-split through the console's REST API, as the console's page does. */
    void shift(int v1, int v2) {
        ConsoleClient client = signedIn();
        String version = client.get(ROUTE).json().path("resourceVersion").asText();
        ConsoleClient.Response response = client.shift("mesh-demo", "logic-app", "logic-app-split",
                Map.of("v1", v1, "v2", v2), version);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    /**
     * Shifts every call to {@code version} (100/0 or 0/100) and returns once 100 answers in a row came from it,
     * which at any other split (even 90/10: 0.9<sup>100</sup>) is too unlikely to happen by chance.
     */
    void routeAllTo(String version) {
        switch (version) {
            case "v1" -> shift(100, 0);
            case "v2" -> shift(0, 100);
            default -> throw new IllegalArgumentException("the split routes to v1 or v2, not " + version);
        }
        assertThat(traffic.untilStreakOf(version, 100)).as("all traffic to %s reached access-app", version).isTrue();
    }

    /** The weights of route logic-app-split as the console reads them. */
    Map<String, Integer> weights() {
        Map<String, Integer> weights = new TreeMap<>();
        for (JsonNode route : signedIn().get(ROUTE).json().path("routes")) {
            if (route.path("name").asText().equals("logic-app-split")) {
                route.path("destinations").forEach(d -> weights.put(d.path("subset").asText(),
                        d.path("weight").asInt()));
            }
        }
        return weights;
    }

    void stopConsole() throws InterruptedException {
        console.close();
    }

    void startConsole() throws IOException {
        console = AppProcess.start(name + "-mesh-console", "mesh-console", consoleProperties,
                Map.of("MESH_CONSOLE_MODE", "local",
                        "MESH_CONSOLE_AUTH_USERNAME", USER,
                        "MESH_CONSOLE_AUTH_PASSWORD", PASSWORD_HASH));
    }

    /**
     * Another console in local mode on this mesh's routing and endpoints files, with {@code properties} on top (e.g.
     * another metrics source). It keeps its own state file and serves xDS to nobody: it reads, the mesh's console
     * routes. Stopped with the mesh.
     */
    AppProcess startReader(String suffix, Map<String, String> properties) throws IOException {
        Map<String, String> all = new HashMap<>(consoleProperties);
        all.put("mesh-console.local.state-file", Path.of(consoleProperties.get("mesh-console.local.state-file"))
                .resolveSibling("reader-" + suffix + ".yaml").toString());
        all.put("mesh-console.local.xds-port", "0");
        all.putAll(properties);
        AppProcess reader = AppProcess.start(name + "-mesh-console-" + suffix, "mesh-console", all,
                Map.of("MESH_CONSOLE_MODE", "local"));
        readers.add(reader);
        return reader;
    }

    /** access-app's Prometheus endpoint, with its per-attempt metrics. */
    URI accessMetrics() {
        return access.uri("/prometheus");
    }

    /** The mesh's console, signed in as an operator of namespace mesh-demo. */
    ConsoleClient signedIn() {
        return new ConsoleClient(console.uri("/")).signIn(USER, PASSWORD);
    }

    /**
     * Stops the reader consoles and access-app, then the logic instances, then the console, with SIGTERM: the apps of
     * each tier together, each tier once the one before has exited.
     */
    @Override
    public void close() throws InterruptedException {
        List<AppProcess> callers = new ArrayList<>(readers);
        callers.add(access);
        SideBySide.close(callers);
        SideBySide.close(instances.values());
        SideBySide.close(Collections.singletonList(console));
    }
}
