package demo.mesh.access;

import io.micronaut.http.HttpStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What logic-app receives with each call: the headers Istio and tracing need, and a deadline. */
@MicronautTest
class LogicCallPropagationTest extends FakeLogicTest {

    /** The default propagation list, each with a value of its own. */
    private static final Map<String, String> TRACE_AND_ROUTING_HEADERS = Map.ofEntries(
            Map.entry("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
            Map.entry("tracestate", "congo=t61rcWkgMzE"),
            Map.entry("x-request-id", "7f6d3c1e-request"),
            Map.entry("b3", "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1"),
            Map.entry("x-b3-traceid", "80f198ee56343ba864fe8b2a57d3eff7"),
            Map.entry("x-b3-spanid", "e457b5a2e4d86bd1"),
            Map.entry("x-b3-parentspanid", "05e3ac9a4f6e3b90"),
            Map.entry("x-b3-sampled", "1"),
            Map.entry("x-b3-flags", "0"),
            Map.entry("x-ot-span-context", "ot-context"),
            Map.entry("x-canary", "true"));

    @Test
    void tracingRequestIdAndCanaryHeadersReachLogic() {
        api.hello("traced", TRACE_AND_ROUTING_HEADERS).assertStatus(HttpStatus.OK);

        FakeLogic.ReceivedCall call = logic.onlyCallNamed("traced");
        TRACE_AND_ROUTING_HEADERS.forEach((name, value) ->
                assertThat(call.header(name)).as("header %s at logic", name).isEqualTo(value));
    }

    @Test
    void headersOutsideThePropagationListStayAtTheEdge() {
        Map<String, String> headers = new LinkedHashMap<>(Map.of("x-canary", "true"));
        headers.put("authorization", "Bearer secret");
        headers.put("cookie", "session=secret");

        api.hello("private", headers).assertStatus(HttpStatus.OK);

        FakeLogic.ReceivedCall call = logic.onlyCallNamed("private");
        assertThat(call.header("x-canary")).isEqualTo("true");
        assertThat(call.header("authorization")).isNull();
        assertThat(call.header("cookie")).isNull();
    }

    @Test
    void logicSeesTheConfiguredDeadlineOnTheCall() {
        api.hello("timed").assertStatus(HttpStatus.OK);

        // application-test.yml sets access.logic.deadline to 10s; the wire rounds and time passes in transit.
        assertThat(logic.onlyCallNamed("timed").deadline())
                .isNotNull()
                .isGreaterThan(Duration.ofSeconds(5))
                .isLessThanOrEqualTo(Duration.ofSeconds(10));
    }
}
