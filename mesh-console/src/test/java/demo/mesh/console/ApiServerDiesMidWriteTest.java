package demo.mesh.console;

import demo.mesh.testsupport.ConsoleClient;
import demo.mesh.testsupport.ConsoleClient.Response;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static demo.mesh.console.RouteAssertions.assertStoredWeights;
import static demo.mesh.console.RoutesApiTest.split;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An API server that dies while the console's write is in flight: it has read the PUT of the VirtualService whole,
 * then every connection is reset and its port refuses new ones, as when the process is killed. The API server here
 * is the {@link KubernetesStandIn} (fabric8's mock server, which cannot be killed from inside its own request
 * handler) behind a {@link LoopbackProxy} that plays the dying process; the PUT never reaches the stand-in, as a
 * write the API server had not committed when it died. The person gets a 503 naming the Kubernetes API within the
 * bound, nothing is written, and once the API server is back the same shift goes through.
 */
@MicronautTest
class ApiServerDiesMidWriteTest extends StandInTest {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    /** One call and the client's one retry, each bounded by the request timeout, plus time for the console itself. */
    private static final Duration ANSWER_BOUND = REQUEST_TIMEOUT.multipliedBy(2).plusSeconds(1);
    private static final String VIRTUAL_SERVICE_PUT = "PUT /apis/networking.istio.io/v1/namespaces/"
            + KubernetesStandIn.NAMESPACE + "/virtualservices/";
    private static final Logger LOG = LoggerFactory.getLogger(ApiServerDiesMidWriteTest.class);

    private final LoopbackProxy apiServer = LoopbackProxy.dyingOn(URI.create(standIn.url()).getPort(),
            requestLine -> requestLine.startsWith(VIRTUAL_SERVICE_PUT));

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("mesh-console.kubernetes.api-url", "http://127.0.0.1:" + apiServer.port() + "/");
        properties.put("mesh-console.kubernetes.request-timeout", REQUEST_TIMEOUT.toMillis() + "ms");
        return properties;
    }

    @AfterAll
    void closeTheProxy() {
        apiServer.close();
    }

    @Test
    void aPutInFlightWhenTheApiServerDiesAnswers503WritesNothingAndTheShiftWorksOnceItIsBack() {
        standIn.reset("logic-app.yaml");
        ConsoleClient alice = alice();
        String version = alice.get(ROUTES + "logic-app").json().path("resourceVersion").asText();
        String before = Serialization.asJson(standIn.virtualService("logic-app"));
        long start = System.nanoTime();

        Response response = alice.put(ROUTES + "logic-app", split(version, 90, 10));

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        LOG.info("PUT with the API server dying under it: {} in {} ms: {}", response.status(), took.toMillis(),
                response.message());
        assertThat(apiServer.diedOn()).as("the API server died with the console's PUT in flight")
                .hasValueSatisfying(line -> assertThat(line).startsWith(VIRTUAL_SERVICE_PUT + "logic-app "));
        assertThat(response.status()).as(response.body()).isEqualTo(503);
        assertThat(response.message()).startsWith("the Kubernetes API is unreachable: ");
        assertThat(took).as("time to answer").isLessThan(ANSWER_BOUND);

        apiServer.comeBack();

        assertThat(Serialization.asJson(standIn.virtualService("logic-app"))).as("the VirtualService after the failed PUT")
                .isEqualTo(before);
        assertThat(recordedEvents())
                .as("Events recorded for the failed PUT").isEmpty();
        Response history = anonymous().get(ROUTES + "logic-app/history");
        assertThat(history.status()).as(history.body()).isEqualTo(200);
        assertThat(history.json()).as("history after the failed PUT").isEmpty();

        Response shifted = alice.put(ROUTES + "logic-app", split(version, 90, 10));

        assertThat(shifted.status()).as(shifted.body()).isEqualTo(200);
        assertStoredWeights(standIn.virtualService("logic-app"), 0, 90, 10);
        assertThat(anonymous().get(ROUTES + "logic-app/history").json()).hasSize(1);
        assertThat(apiServer.requestLines()).as("requests forwarded by the proxy")
                .anySatisfy(line -> assertThat(line).startsWith(VIRTUAL_SERVICE_PUT + "logic-app "));
    }
}
