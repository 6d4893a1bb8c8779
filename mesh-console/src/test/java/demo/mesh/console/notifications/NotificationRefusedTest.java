package demo.mesh.console.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import demo.mesh.testsupport.FreePort;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A receiver that is not there at all: the status says the connection was refused, in those words. */
@MicronautTest
class NotificationRefusedTest extends NotificationTest {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put(TestEnvironmentVariables.property(VARIABLE),
                "http://127.0.0.1:" + FreePort.belowEphemeralRange() + "/hooks/mesh-demo");
        return properties;
    }

    @Test
    void aReceiverNobodyListensAtIsShownAsRefused() {
        standIn.reset("logic-app.yaml");

        shift(alice(), 90, 10);

        JsonNode status = awaitStatus(s -> !s.path("lastFailure").isNull());
        assertThat(status.path("lastFailure").path("reason").asText()).isEqualTo("connection refused");
        assertThat(status.path("lastFailure").path("status").isNull()).isTrue();
        assertThat(status.path("failing").asBoolean()).isTrue();
    }
}
