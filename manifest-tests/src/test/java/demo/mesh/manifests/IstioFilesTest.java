package demo.mesh.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * istio/ as files: each one applies on its own with the command it opens with, and the split files
 * are one VirtualService that differs only in the weights its name gives.
 */
class IstioFilesTest {

    private static final Pattern SPLIT_FILE = Pattern.compile("virtual-service-logic-app-(\\d+)-(\\d+)\\.yaml");

    private final ManifestReader reader = new ManifestReader();

    /** Every file in istio/ but the kustomization, by name. */
    static List<String> routingFiles() {
        return ManifestReader.yamlFiles(ProjectFiles.istio()).stream()
                .map(file -> file.getFileName().toString())
                .filter(name -> !name.equals("kustomization.yaml"))
                .toList();
    }

    static List<String> splitFiles() {
        return routingFiles().stream().filter(name -> SPLIT_FILE.matcher(name).matches()).toList();
    }

    @Test
    void theFourSplitsShipUnderTheirNames() {
        assertThat(splitFiles()).containsExactlyInAnyOrder(
                "virtual-service-logic-app-100-0.yaml", "virtual-service-logic-app-90-10.yaml",
                "virtual-service-logic-app-50-50.yaml", "virtual-service-logic-app-0-100.yaml");
    }

    @ParameterizedTest
    @MethodSource("routingFiles")
    void eachFileOpensWithTheCommandThatAppliesIt(String file) throws IOException {
        String firstLine = Files.readAllLines(ProjectFiles.istio().resolve(file)).get(0);

        assertThat(firstLine).isEqualTo("# kubectl apply -f istio/" + file);
    }

    @ParameterizedTest
    @MethodSource("routingFiles")
    void eachFileNamesItsNamespaceSoItAppliesOnItsOwn(String file) {
        assertThat(reader.readFile(ProjectFiles.istio().resolve(file))).isNotEmpty().allSatisfy(m ->
                assertThat(m.namespace()).as("%s in %s", m.ref(), file).isEqualTo("mesh-demo"));
    }

    @ParameterizedTest
    @MethodSource("splitFiles")
    void eachSplitFileRoutesTheWeightsInItsName(String file) {
        Matcher name = SPLIT_FILE.matcher(file);
        assertThat(name.matches()).isTrue();

        assertWeights(logicAppVirtualService(file), Integer.parseInt(name.group(1)), Integer.parseInt(name.group(2)));
    }

    @ParameterizedTest
    @MethodSource("splitFiles")
    void eachSplitFileSendsTheCanaryHeaderToV2BeforeTheSplit(String file) {
        JsonNode http = logicAppVirtualService(file).at("/spec/http");

        assertThat(http.findValuesAsText("name")).startsWith("logic-app-canary", "logic-app-split");
        JsonNode canary = http.get(0);
        assertThat(canary.at("/match/0/headers/x-canary/exact").asText()).isEqualTo("true");
        assertThat(canary.at("/route/0/destination/subset").asText()).isEqualTo("v2");
        assertThat(http.get(1).at("/retries/attempts").asInt()).isPositive();
    }

    @ParameterizedTest
    @MethodSource("splitFiles")
    void splitFilesDifferOnlyInTheirWeights(String file) {
        JsonNode reference = withoutWeights(logicAppVirtualService("virtual-service-logic-app-90-10.yaml"));

        assertThat(withoutWeights(logicAppVirtualService(file))).isEqualTo(reference);
    }

    private Manifest logicAppVirtualService(String file) {
        List<Manifest> manifests = reader.readFile(ProjectFiles.istio().resolve(file));
        assertThat(manifests).extracting(Manifest::ref).containsExactly("VirtualService logic-app");
        return manifests.get(0);
    }

    private static JsonNode withoutWeights(Manifest virtualService) {
        JsonNode copy = virtualService.body().deepCopy();
        for (JsonNode route : copy.at("/spec/http")) {
            route.path("route").forEach(destination -> ((ObjectNode) destination).remove("weight"));
        }
        return copy;
    }

    /** The logic-app-split route sends {@code v1} percent to subset v1 and {@code v2} percent to subset v2. */
    static void assertWeights(Manifest virtualService, int v1, int v2) {
        JsonNode split = null;
        for (JsonNode route : virtualService.at("/spec/http")) {
            if (route.path("name").asText().equals("logic-app-split")) {
                split = route.path("route");
            }
        }
        assertThat(split).as("route logic-app-split of %s", virtualService.ref()).isNotNull();
        assertThat(split.findValuesAsText("subset")).containsExactly("v1", "v2");
        assertThat(split.findValues("weight")).extracting(JsonNode::asInt).containsExactly(v1, v2);
    }
}
