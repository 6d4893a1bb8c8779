package demo.mesh.console.local;

import com.fasterxml.jackson.databind.JsonNode;
import demo.mesh.console.routing.RouteAnnotations;
import demo.mesh.console.routing.RouteRef;
import demo.mesh.console.routing.TrafficService;
import demo.mesh.testsupport.ConsoleClient;
import demo.mesh.testsupport.ConsoleClient.Response;
import demo.mesh.xds.MeshRouting;
import demo.mesh.xds.MeshRoutingFiles;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static demo.mesh.console.RouteAssertions.assertWeights;
import static demo.mesh.console.RouteAssertions.route;
import static demo.mesh.console.local.LocalConsoleTest.LOGIC_APP;
import static demo.mesh.console.local.LocalConsoleTest.splitBody;
import static demo.mesh.console.local.LocalConsoleTest.version;
import static org.assertj.core.api.Assertions.assertThat;

/** What local mode keeps on disk: a restarted console serves the last split and still knows how it got there. */
class LocalRestartTest {

    private final LocalSettings settings = LocalSettings.shippedRouting();

    @Test
    void restartedConsoleServesTheLastSplitWithItsVersionAndHistory() {
        String shiftedVersion;
        try (EmbeddedServer first = start()) {
            shiftedVersion = shift(first, 90, 10).json().path("resourceVersion").asText();
        }

        try (EmbeddedServer second = start()) {
            ConsoleClient alice = alice(second);
            JsonNode logicApp = alice.get(LOGIC_APP).json();
            assertWeights(route(logicApp, "logic-app-split"), 90, 10);
            assertThat(logicApp.path("resourceVersion").asText()).isEqualTo(shiftedVersion);
            MeshRouting served = second.getApplicationContext().getBean(LocalDataPlane.class).served().routing();
            assertThat(splitWeights(served.virtualServices().get(0))).as("served over xDS").containsExactly(90, 10);
            JsonNode history = alice.get(LOGIC_APP + "/history").json();
            assertThat(history).hasSize(1);
            assertThat(history.get(0).path("message").asText())
                    .isEqualTo("VirtualService logic-app route logic-app-split set to v1=90 v2=10 (was v1=100 v2=0) by alice");

            Response reverted = alice.post(LOGIC_APP + "/revert", "");

            assertThat(reverted.status()).as(reverted.body()).isEqualTo(200);
            assertWeights(route(reverted.json(), "logic-app-split"), 100, 0);
            assertThat(reverted.json().path("resourceVersion").asText()).isEqualTo(Long.toString(Long.parseLong(shiftedVersion) + 1));
            assertThat(alice.get(LOGIC_APP + "/history").json()).hasSize(2);
        }
    }

    /**
     * The state file is the routing a cluster would get: the shipped 100/0 file shifted to 90/10 is the 90/10 file,
     * with the history of the change kept with it.
     */
    @Test
    void storedRoutingDiffersFromTheRoutingFilesOnlyInWeightsVersionAndHistory() {
        try (EmbeddedServer console = start()) {
            shift(console, 90, 10);
        }

        MeshRouting stored = MeshRoutingFiles.load(settings.endpointsFile(), List.of(settings.stateFile()));
        MeshRouting shipped = MeshRoutingFiles.load(settings.endpointsFile(), List.of(
                LocalSettings.shipped("istio/destination-rule-logic-app.yaml"),
                LocalSettings.shipped("istio/virtual-service-logic-app-90-10.yaml")));
        VirtualService storedLogicApp = stored.virtualServices().get(0);
        assertThat(storedLogicApp.getMetadata().getResourceVersion()).isEqualTo("2");
        storedLogicApp.getMetadata().setResourceVersion(null);
        assertThat(storedLogicApp.getMetadata().getAnnotations()).containsOnlyKeys(LocalSettings.HISTORY);
        storedLogicApp.getMetadata().setAnnotations(null);
        assertThat(Serialization.asYaml(storedLogicApp)).isEqualTo(Serialization.asYaml(shipped.virtualServices().get(0)));
        assertThat(Serialization.asYaml(stored.destinationRules())).isEqualTo(Serialization.asYaml(shipped.destinationRules()));
    }

    /** Revert reaches back past the last change, from the history the state file kept through a restart. */
    @Test
    void afterARestartARouteRevertsToBeforeTheThirdNewestChange() {
        try (EmbeddedServer first = start()) {
            shift(first, 90, 10);
            shift(first, 75, 25);
            shift(first, 50, 50);
            shift(first, 0, 100);
        }

        try (EmbeddedServer second = start()) {
            ConsoleClient alice = alice(second);
            JsonNode history = alice.get(LOGIC_APP + "/history").json();
            assertThat(history).hasSize(4);
            JsonNode thirdNewest = history.get(2);
            assertThat(thirdNewest.path("after").toString()).isEqualTo("{\"v1\":75,\"v2\":25}");

            Response reverted = alice.post(LOGIC_APP + "/revert", "{\"entry\":\"" + thirdNewest.path("id").asText() + "\"}");

            assertThat(reverted.status()).as(reverted.body()).isEqualTo(200);
            assertWeights(route(reverted.json(), "logic-app-split"), 90, 10);
            JsonNode newest = alice.get(LOGIC_APP + "/history").json().get(0);
            assertThat(newest.path("message").asText()).isEqualTo("VirtualService logic-app route logic-app-split set to"
                    + " v1=90 v2=10 (was v1=0 v2=100) by alice: reverted to before change " + thirdNewest.path("id").asText());
        }
    }

    /** Rollout state lives in an annotation: it must outlive the console, and setting it is not a weight change. */
    @Test
    void anAnnotationIsKeptInTheStateFileThroughARestartAndIsNotRecordedAsAChange() {
        RouteRef ref = new RouteRef("mesh-demo", "logic-app");
        try (EmbeddedServer first = start()) {
            TrafficService traffic = first.getApplicationContext().getBean(TrafficService.class);
            RouteAnnotations written = traffic.annotate(ref, "mesh-demo.io/rollout", "{\"step\":1}",
                    traffic.annotations(ref).resourceVersion());
            assertThat(written.resourceVersion()).isEqualTo("2");
        }

        try (EmbeddedServer second = start()) {
            RouteAnnotations read = second.getApplicationContext().getBean(TrafficService.class).annotations(ref);
            assertThat(read.get("mesh-demo.io/rollout")).contains("{\"step\":1}");
            assertThat(read.resourceVersion()).isEqualTo("2");
            JsonNode logicApp = alice(second).get(LOGIC_APP).json();
            assertWeights(route(logicApp, "logic-app-split"), 100, 0);
            assertThat(alice(second).get(LOGIC_APP + "/history").json()).as("history").isEmpty();
        }
        MeshRouting stored = MeshRoutingFiles.load(settings.endpointsFile(), List.of(settings.stateFile()));
        assertThat(stored.virtualServices().get(0).getMetadata().getAnnotations())
                .containsEntry("mesh-demo.io/rollout", "{\"step\":1}");
    }

    /**
     * A console killed while storing a change leaves its unfinished copy beside the state file. The next start
     * serves the state file, which the rename kept whole, and removes the copy.
     */
    @Test
    void theNextStartServesTheStoredSplitAndRemovesWhatAnUnfinishedWriteLeft() throws Exception {
        try (EmbeddedServer first = start()) {
            shift(first, 90, 10);
        }
        String stored = settings.stateFileContent();
        Path leftover = settings.stateFile().resolveSibling(settings.stateFile().getFileName() + ".4711.tmp");
        Files.writeString(leftover, stored.substring(0, stored.length() / 2));

        try (EmbeddedServer second = start()) {
            assertWeights(route(alice(second).get(LOGIC_APP).json(), "logic-app-split"), 90, 10);
            assertThat(leftovers()).as("unfinished writes left beside the state file").isEmpty();
        }
        assertThat(settings.stateFileContent()).isEqualTo(stored);
    }

    /**
     * The strongest proof short of pulling the plug: a separate JVM stores the state file in a loop through the
     * console's own {@link AtomicFile} and is killed with SIGKILL, six times over: every other time while it has a
     * temporary file open, the others at whatever moment. Each time the file is the old content or one whole
     * generation, never the start of one; at least one kill lands mid-write (an unfinished copy is left behind); and a
     * console started afterwards reads the file and removes the copies.
     */
    @Test
    void aWriterKilledMidWriteLeavesTheOldFileOrTheNewOneNeverATornOne() throws Exception {
        try (EmbeddedServer first = start()) {
            shift(first, 90, 10);
        }
        String original = settings.stateFileContent();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        int kills = 0;
        int killsMidWrite = 0;
        while (kills < 6 || killsMidWrite == 0 && kills < 12 && System.nanoTime() < deadline) {
            String before = settings.stateFileContent();
            try (KilledWriter writer = KilledWriter.start(settings.stateFile())) {
                int leftBefore = writer.temporaryFiles().size();
                long lastStored = writer.kill(3, kills % 2 == 0);
                kills++;
                String after = settings.stateFileContent();
                long generation = generationOf(after);
                assertThat(after.equals(KilledWriter.generation(before, generation)))
                        .as("after kill %d the state file is the old content or a whole generation (it names %d);"
                                + " it has %d chars ending in '%s'", kills, generation, after.length(),
                                after.substring(Math.max(0, after.length() - 60)))
                        .isTrue();
                assertThat(generation).as("generation found after kill %d", kills).isGreaterThanOrEqualTo(lastStored);
                killsMidWrite += writer.temporaryFiles().size() > leftBefore ? 1 : 0;
            }
            // Back to the console's own content for the next round, as each writer starts from what it finds.
            Files.writeString(settings.stateFile(), original);
        }
        assertThat(killsMidWrite).as("kills that landed mid-write, of %d", kills).isPositive();

        try (EmbeddedServer second = start()) {
            assertWeights(route(alice(second).get(LOGIC_APP).json(), "logic-app-split"), 90, 10);
            assertThat(leftovers()).as("unfinished writes left beside the state file").isEmpty();
        }
    }

    private EmbeddedServer start() {
        return ApplicationContext.run(EmbeddedServer.class, new HashMap<>(settings.properties()), "test");
    }

    private static ConsoleClient alice(EmbeddedServer console) {
        return new ConsoleClient(console.getURI()).signIn("alice", "test-password-1");
    }

    private static Response shift(EmbeddedServer console, int v1, int v2) {
        ConsoleClient alice = alice(console);
        Response response = alice.put(LOGIC_APP, splitBody("\"v1\":" + v1 + ",\"v2\":" + v2, version(alice)));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response;
    }

    private static List<Integer> splitWeights(VirtualService virtualService) {
        return virtualService.getSpec().getHttp().get(1).getRoute().stream().map(HTTPRouteDestination::getWeight).toList();
    }

    /** The temporary copies beside the state file that writes left unfinished. */
    private List<Path> leftovers() throws IOException {
        return KilledWriter.temporaryFilesBeside(settings.stateFile());
    }

    /** The generation a {@link KilledWriter} stored, from its line; 0 when the file is as the console left it. */
    private static long generationOf(String content) {
        Matcher generation = Pattern.compile("(?m)^# generation (\\d+)$").matcher(content);
        return generation.find() ? Long.parseLong(generation.group(1)) : 0;
    }
}
