package demo.mesh.console;

import demo.mesh.console.ConsoleClient.Response;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static demo.mesh.console.RouteAssertions.assertStoredWeights;
import static org.assertj.core.api.Assertions.assertThat;

/** Every way a split request can be wrong gets a 400 that names the field, and nothing is written. */
@MicronautTest
class SplitValidationTest extends StandInTest {

    private String version;

    @BeforeEach
    void loadFixtures() {
        standIn.reset("logic-app.yaml");
        version = standIn.virtualService("logic-app").getMetadata().getResourceVersion();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            not summing to 100 | {"weights":{"v1":90,"v2":5},"resourceVersion":"RV"}         | weights          | weights must add up to 100, got 95 (v1=90 v2=5)
            negative           | {"weights":{"v1":-10,"v2":110},"resourceVersion":"RV"}     | weights.v1       | weights.v1 must be a whole number from 0 to 100, got -10
            over 100           | {"weights":{"v1":0,"v2":101},"resourceVersion":"RV"}       | weights.v2       | weights.v2 must be a whole number from 0 to 100, got 101
            fractional         | {"weights":{"v1":90.5,"v2":9.5},"resourceVersion":"RV"}    | weights.v1       | weights.v1 must be a whole number from 0 to 100, got 90.5
            non-numeric        | {"weights":{"v1":"ninety","v2":10},"resourceVersion":"RV"} | weights.v1       | weights.v1 must be a whole number from 0 to 100
            non-numeric quoted | {"weights":{"v1":"ninety","v2":10},"resourceVersion":"RV"} | weights.v1       | weights.v1 must be a whole number from 0 to 100, got "ninety"
            missing key        | {"weights":{"v1":100},"resourceVersion":"RV"}              | weights.v2       | weights.v2 is missing: give every destination of route 'logic-app-split' a weight (v1, v2)
            extra key          | {"weights":{"v1":90,"v2":5,"v3":5},"resourceVersion":"RV"} | weights.v3       | weights.v3 is not a destination of route 'logic-app-split' in VirtualService logic-app; its destinations are v1, v2
            weights missing    | {"resourceVersion":"RV"}                                   | weights          | weights is required
            weights not object | {"weights":[90,10],"resourceVersion":"RV"}                 | weights          | weights must be an object
            version missing    | {"weights":{"v1":90,"v2":10}}                              | resourceVersion  | resourceVersion is required
            unknown field      | {"wieghts":{"v1":90,"v2":10},"resourceVersion":"RV"}       | wieghts          | unknown field 'wieghts'; expected resourceVersion, route, weights
            not JSON           | {"weights":{"v1":90,                                       | body             | request body is not valid JSON
            not an object      | [90,10]                                                    | body             | request body must be a JSON object
            """)
    void invalidSplitIsRefusedWithItsFieldNamed(String scenario, String body, String field, String message) {
        Response response = alice().put(ROUTES + "logic-app", body.replace("RV", version));

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().path("field").asText()).isEqualTo(field);
        assertThat(response.message()).startsWith(message);
        assertNothingChanged();
    }

    @Test
    void oversizedBodyIsRefused() {
        String padding = "x".repeat(9000);
        Response response = alice().put(ROUTES + "logic-app",
                "{\"weights\":{\"v1\":90,\"v2\":10},\"route\":\"" + padding + "\",\"resourceVersion\":\"" + version + "\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.message()).matches("request body is \\d+ bytes; the limit is 8192");
        assertNothingChanged();
    }

    @Test
    void wrongContentTypeIsRefused() {
        ConsoleClient alice = alice();
        Response response = alice.send("PUT", ROUTES + "logic-app", "text/plain",
                "{\"weights\":{\"v1\":90,\"v2\":10},\"resourceVersion\":\"" + version + "\"}", true);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.message()).isEqualTo("Content-Type must be application/json, got text/plain");
        assertNothingChanged();
    }

    @Test
    void jsonWithACharsetIsAccepted() {
        Response response = alice().send("PUT", ROUTES + "logic-app", "application/json; charset=utf-8",
                "{\"weights\":{\"v1\":90,\"v2\":10},\"resourceVersion\":\"" + version + "\"}", true);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertStoredWeights(standIn.virtualService("logic-app"), 0, 90, 10);
    }

    private void assertNothingChanged() {
        var stored = standIn.virtualService("logic-app");
        assertThat(stored.getMetadata().getResourceVersion()).isEqualTo(version);
        assertStoredWeights(stored, 0, 100, 0);
    }
}
