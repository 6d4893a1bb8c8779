package demo.mesh.xds;

import demo.mesh.xds.XdsClientStatus.Rejection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the server says about its clients: who holds the newest routing, who refused it and why, and when all had it. */
@ExtendWith(InProcessMeshExtension.class)
class XdsClientStatusTest {

    private static final String REFUSER = "refuses-routes";

    private final InProcessMesh mesh;

    XdsClientStatusTest(InProcessMesh mesh) {
        this.mesh = mesh;
    }

    @Test
    void aClientThatRefusesTheRoutesIsReportedWithItsReasonAndHoldsBackTheAcknowledgement() throws Exception {
        mesh.publishAndAwait(mesh.split("100-0"));
        Instant before = Instant.now();
        try (AdsTestClient refuser = AdsTestClient.connect(mesh.xds().port(), REFUSER, "routes")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> status(REFUSER) != null && status(REFUSER).rejected() != null);
            XdsClientStatus javaClient = status(InProcessMesh.NODE_ID);
            String newest = javaClient.acked().routes();

            XdsClientStatus refusing = status(REFUSER);
            assertThat(refusing.rejected()).usingRecursiveComparison().ignoringFields("at")
                    .isEqualTo(new Rejection("routes", newest, AdsTestClient.REASON, null));
            assertThat(refusing.acked().listeners()).isEqualTo(newest);
            assertThat(refusing.acked().routes()).as("never accepted any routes").isNull();
            assertThat(refusing.upToDate()).isFalse();
            assertThat(refusing.connectedAt()).isAfterOrEqualTo(before.minusMillis(1));
            assertThat(javaClient.upToDate()).isTrue();
            assertThat(javaClient.rejected()).isNull();
            assertThat(javaClient.acked()).usingRecursiveComparison()
                    .isEqualTo(new XdsClientStatus.AckedVersions(newest, newest, newest, newest));

            mesh.publishAndAwait(mesh.split("90-10"));
            await().atMost(Duration.ofSeconds(10)).until(() -> !status(REFUSER).rejected().version().equals(newest));
            assertThat(mesh.xds().acknowledgement()).as("the refusing client still lacks the newest routes").isEmpty();
        }

        // With the refusing client gone, every client left holds the newest publish.
        await().atMost(Duration.ofSeconds(10)).until(() -> mesh.xds().acknowledgement().isPresent());
        Acknowledgement acknowledgement = mesh.xds().acknowledgement().orElseThrow();
        assertThat(acknowledgement.version()).isEqualTo(status(InProcessMesh.NODE_ID).acked().routes());
        assertThat(acknowledgement.clients()).isEqualTo(mesh.xds().clients().size());
        assertThat(status(REFUSER)).isNull();
    }

    @Test
    void aPublishIsAcknowledgedOnceEveryConnectedClientAcceptedIt() {
        mesh.publishAndAwait(mesh.split("100-0"));
        Instant published = Instant.now();
        mesh.xds().publish(mesh.split("50-50"));

        await().atMost(Duration.ofSeconds(10)).until(() -> mesh.xds().acknowledgement().isPresent());
        Acknowledgement acknowledgement = mesh.xds().acknowledgement().orElseThrow();
        assertThat(acknowledgement.publishedAt()).isAfterOrEqualTo(published);
        assertThat(acknowledgement.after()).isBetween(Duration.ZERO, Duration.ofSeconds(10));
        assertThat(mesh.xds().clients()).allSatisfy(client -> {
            assertThat(client.upToDate()).isTrue();
            assertThat(client.acked().routes()).isEqualTo(acknowledgement.version());
        });
    }

    private XdsClientStatus status(String node) {
        return mesh.xds().clients().stream().filter(client -> client.node().equals(node)).findFirst().orElse(null);
    }
}
