package demo.mesh.console.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import demo.mesh.testsupport.ConsoleClient.Response;
import demo.mesh.testsupport.EventStream;
import demo.mesh.xds.AdsTestClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /api/xds/clients} and {@code /api/xds/stream} in local mode: what each proxyless client did with the
 * routing, a client that refuses the routes on purpose included, and when a shift was in every client's hands.
 */
@MicronautTest
class XdsClientsApiTest extends LocalConsoleTest {

    private static final String ACCEPTS = "accepts-everything";
    private static final String REFUSES = "refuses-routes";
    private static final int MAX_STREAMS = 2;

    private final LocalSettings settings = LocalSettings.shippedRouting();

    @Override
    LocalSettings settings() {
        return settings;
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("mesh-console.events.max-clients", String.valueOf(MAX_STREAMS));
        return properties;
    }

    @Test
    void listsEachClientWithWhatItAcceptedAndWhyItRefusedTheRoutes() throws Exception {
        Instant before = Instant.now();
        try (AdsTestClient accepting = AdsTestClient.connect(dataPlane.xdsServer().port(), ACCEPTS);
             AdsTestClient refusing = AdsTestClient.connect(dataPlane.xdsServer().port(), REFUSES, "routes")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                JsonNode clients = anonymous().get("/api/xds/clients").json();
                return client(clients, ACCEPTS).path("upToDate").asBoolean() && client(clients, REFUSES).path("rejected").isObject();
            });

            Response response = anonymous().get("/api/xds/clients");
            assertThat(response.status()).isEqualTo(200);
            JsonNode good = client(response.json(), ACCEPTS);
            String newest = good.path("acked").path("routes").asText();
            assertThat(newest).isNotBlank();
            assertThat(good.path("acked").toString()).isEqualTo(
                    "{\"listeners\":\"%1$s\",\"routes\":\"%1$s\",\"clusters\":\"%1$s\",\"endpoints\":\"%1$s\"}".formatted(newest));
            assertThat(good.path("rejected").isNull()).as("rejected is there, and null").isTrue();
            assertThat(Instant.parse(good.path("connectedAt").asText())).isAfterOrEqualTo(before.minusMillis(1));

            JsonNode bad = client(response.json(), REFUSES);
            assertThat(bad.path("rejected").toString())
                    .isEqualTo("{\"type\":\"routes\",\"version\":\"%s\",\"reason\":\"%s\"}".formatted(newest, AdsTestClient.REASON));
            assertThat(bad.path("acked").path("listeners").asText()).isEqualTo(newest);
            assertThat(bad.path("acked").path("routes").isNull()).as("it never accepted any routes").isTrue();
            assertThat(bad.path("upToDate").asBoolean()).isFalse();
        }
    }

    @Test
    void theStreamSaysWhenEveryConnectedClientAcknowledgedAShift() throws Exception {
        try (AdsTestClient accepting = AdsTestClient.connect(dataPlane.xdsServer().port(), ACCEPTS);
             EventStream stream = EventStream.open(server.getURI(), "/api/xds/stream")) {
            assertThat(stream.status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> stream.named("clients").stream()
                    .anyMatch(clients -> client(clients, ACCEPTS).path("upToDate").asBoolean()));

            shift(alice(), "\"v1\":90,\"v2\":10");

            long served = dataPlane.served().version();
            await().atMost(Duration.ofSeconds(10)).until(() -> stream.named("acknowledged").stream()
                    .anyMatch(ack -> ack.path("version").asText().endsWith("-" + served)));
            JsonNode acknowledged = stream.named("acknowledged").stream()
                    .filter(ack -> ack.path("version").asText().endsWith("-" + served)).findFirst().orElseThrow();
            assertThat(acknowledged.path("clients").asInt()).isEqualTo(1);
            assertThat(acknowledged.path("afterMillis").asLong()).isBetween(0L, 10_000L);
            assertThat(Instant.parse(acknowledged.path("acknowledgedAt").asText()))
                    .isAfterOrEqualTo(Instant.parse(acknowledged.path("publishedAt").asText()));
            assertThat(client(anonymous().get("/api/xds/clients").json(), ACCEPTS).path("acked").path("routes").asText())
                    .isEqualTo(acknowledged.path("version").asText());
        }
    }

    @Test
    void theStreamTakesAsManyPagesAsTheEventStreamAndAClosedOneFreesItsPlace() {
        List<EventStream> open = new ArrayList<>();
        try {
            // A stream another test closed a moment ago may still hold its place until the server notices.
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                EventStream stream = EventStream.open(server.getURI(), "/api/xds/stream");
                if (stream.status() == 200) {
                    open.add(stream);
                } else {
                    stream.close();
                }
                return open.size() == MAX_STREAMS;
            });

            Response refused = anonymous().get("/api/xds/stream");

            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.message()).isEqualTo(MAX_STREAMS + " pages are already following xDS clients "
                    + "(the limit, mesh-console.events.max-clients); close one and reload");
            open.get(0).close();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                try (EventStream another = EventStream.open(server.getURI(), "/api/xds/stream")) {
                    return another.status() == 200;
                }
            });
        } finally {
            open.forEach(EventStream::close);
        }
    }

    private static JsonNode client(JsonNode clients, String node) {
        for (JsonNode client : clients) {
            if (client.path("node").asText().equals(node)) {
                return client;
            }
        }
        return MissingNode.getInstance();
    }
}
