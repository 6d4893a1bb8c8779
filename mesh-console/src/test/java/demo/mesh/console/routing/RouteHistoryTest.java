package demo.mesh.console.routing;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The history kept in an annotation stays well inside the 256 KiB Kubernetes allows all annotations together. */
class RouteHistoryTest {

    private final RouteHistory history = new RouteHistory(JsonMapper.createDefault());

    @Test
    void theNewestChangesAreKeptNewestFirstWithIdentifiersThatCountUp() {
        VirtualServiceDocument doc = document();

        for (int i = 0; i < RouteHistory.KEPT + 20; i++) {
            history.add(doc, change(i, history.nextId(doc), null));
        }

        List<ChangeRecord> kept = history.read(doc);
        assertThat(kept).hasSize(RouteHistory.KEPT);
        assertThat(kept.get(0).id()).isEqualTo(Integer.toString(RouteHistory.KEPT + 20));
        assertThat(kept.get(kept.size() - 1).id()).isEqualTo("21");
    }

    @Test
    void longReasonsDropTheOldestChangesToStayUnderTheByteCap() {
        VirtualServiceDocument doc = document();
        String reason = "x".repeat(4000);

        for (int i = 0; i < 60; i++) {
            history.add(doc, change(i, history.nextId(doc), reason));
        }

        assertThat(doc.annotations().get(RouteHistory.ANNOTATION).length()).isLessThanOrEqualTo(RouteHistory.MAX_BYTES);
        List<ChangeRecord> kept = history.read(doc);
        assertThat(kept.size()).isBetween(RouteHistory.MAX_BYTES / 5000, RouteHistory.MAX_BYTES / 4000);
        assertThat(kept.get(0).id()).isEqualTo("60");
    }

    @Test
    void anAnnotationThatIsNoHistoryReadsAsNoneAndIsReplacedOnTheNextChange() {
        VirtualServiceDocument doc = document();
        doc.setAnnotation(RouteHistory.ANNOTATION, "edited by hand");

        assertThat(history.read(doc)).isEmpty();
        assertThat(history.nextId(doc)).isEqualTo("1");
        history.add(doc, change(1, "1", null));
        assertThat(history.read(doc)).extracting(ChangeRecord::id).containsExactly("1");
    }

    private static ChangeRecord change(int i, String id, String reason) {
        return new ChangeRecord("2026-01-01T00:00:" + (i % 60) + "Z", "mesh-demo", "logic-app", "logic-app-split",
                Map.of("v1", 100 - i % 100, "v2", i % 100), Map.of("v1", 99 - i % 100, "v2", 1 + i % 100), "alice",
                "message " + i, reason, id, null);
    }

    private static VirtualServiceDocument document() {
        GenericKubernetesResource resource = new GenericKubernetesResource();
        resource.setMetadata(new ObjectMetaBuilder().withNamespace("mesh-demo").withName("logic-app").build());
        return new VirtualServiceDocument(resource);
    }
}
