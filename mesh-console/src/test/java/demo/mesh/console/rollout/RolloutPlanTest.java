package demo.mesh.console.rollout;

import demo.mesh.console.routing.Destination;
import demo.mesh.console.routing.RoutingException;
import demo.mesh.console.routing.HttpRoute;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RolloutPlanTest {

    static HttpRoute route(int... weights) {
        Destination[] destinations = new Destination[weights.length];
        for (int i = 0; i < weights.length; i++) {
            destinations[i] = new Destination("logic-app", "v" + (i + 1), weights[i]);
        }
        return new HttpRoute("logic-app-split", List.of(destinations));
    }

    @Test
    void onlyToIsRequiredAndEverythingElseHasADefault() {
        RolloutPlan plan = RolloutPlan.to("v2");

        assertThat(plan.steps()).containsExactly(10, 25, 50, 100);
        assertThat(plan.stepSeconds()).isEqualTo(30);
        assertThat(plan.failureLimit()).isEqualTo(2);
        assertThat(plan.gates().minSuccessRate()).isEqualTo(99.0);
        assertThat(plan.gates().minCalls()).isEqualTo(100);
        assertThat(plan.gates().maxP99Ms()).as("latency is unchecked unless asked for").isNull();
    }

    @Test
    void fromDefaultsToTheVersionHoldingMostWeightNow() {
        RolloutPlan resolved = RolloutPlan.to("v3").resolve("logic-app", route(20, 70, 10));

        assertThat(resolved.from()).isEqualTo("v2");
        assertThat(resolved.route()).isEqualTo("logic-app-split");
    }

    static Stream<Arguments> badPlans() {
        return Stream.of(
                bad(() -> new RolloutPlan(null, null, null, null, null, null, null), "to", "to is required"),
                bad(() -> new RolloutPlan(null, "v2", "v2", null, null, null, null), "from", "from must differ from to"),
                bad(() -> withSteps(List.of()), "steps", "steps must list at least one weight"),
                bad(() -> withSteps(List.of(10, 25, 25, 100)), "steps[2]",
                        "steps[2] must be greater than steps[1] (25): steps rise, got 25"),
                bad(() -> withSteps(List.of(0, 50)), "steps[0]", "steps[0] must be a whole number from 1 to 100, got 0"),
                bad(() -> withSteps(List.of(50, 101)), "steps[1]", "got 101"),
                bad(() -> withSteps(Arrays.asList(10, null)), "steps[1]", "got null"),
                bad(() -> new RolloutPlan(null, "v2", null, null, 4, null, null), "stepSeconds", "from 5 to 600, got 4"),
                bad(() -> new RolloutPlan(null, "v2", null, null, 601, null, null), "stepSeconds", "got 601"),
                bad(() -> new RolloutPlan(null, "v2", null, null, null, null, 0), "failureLimit", "from 1 to 100, got 0"),
                bad(() -> new Gates(100.5, null, null), "gates.minSuccessRate", "from 0 to 100, got 100.5"),
                bad(() -> new Gates(Double.NaN, null, null), "gates.minSuccessRate", "got NaN"),
                bad(() -> new Gates(null, 0.0, null), "gates.maxP99Ms", "more than 0"),
                bad(() -> new Gates(null, null, 0), "gates.minCalls", "from 1 to 1000000, got 0"));
    }

    private static Arguments bad(Supplier<Object> plan, String field, String message) {
        return Arguments.of(plan, field, message);
    }

    private static RolloutPlan withSteps(List<Integer> steps) {
        return new RolloutPlan(null, "v2", null, steps, null, null, null);
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("badPlans")
    void aBadPlanIsRefusedNamingTheField(Supplier<Object> plan, String field, String message) {
        assertThatThrownBy(plan::get)
                .isInstanceOfSatisfying(RoutingException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RoutingException.Reason.INVALID);
                    assertThat(e.field()).isEqualTo(field);
                })
                .hasMessageContaining(message);
    }

    @Test
    void aVersionTheRouteDoesNotHaveIsRefusedNamingItsDestinations() {
        assertThatThrownBy(() -> RolloutPlan.to("v3").resolve("logic-app", route(90, 10)))
                .isInstanceOfSatisfying(RoutingException.class, e -> assertThat(e.field()).isEqualTo("to"))
                .hasMessage("to: v3 is not a destination of route 'logic-app-split' in VirtualService logic-app;"
                        + " its destinations are v1, v2");
        RolloutPlan fromV3 = new RolloutPlan(null, "v2", "v3", null, null, null, null);
        assertThatThrownBy(() -> fromV3.resolve("logic-app", route(90, 10)))
                .isInstanceOfSatisfying(RoutingException.class, e -> assertThat(e.field()).isEqualTo("from"));
    }

    @Test
    void aRouteWhereThereIsNothingToMoveIsRefused() {
        assertThatThrownBy(() -> RolloutPlan.to("v2").resolve("logic-app", route(0, 100)))
                .isInstanceOfSatisfying(RoutingException.class, e -> assertThat(e.field()).isEqualTo("to"))
                .hasMessageContaining("v2 already takes all the traffic v1 and v2 share");
        RolloutPlan fromV1 = new RolloutPlan(null, "v2", "v1", null, null, null, null);
        assertThatThrownBy(() -> fromV1.resolve("logic-app", route(0, 0, 100)))
                .hasMessageContaining("v1 and v2 hold no traffic of route 'logic-app-split'");
    }
}
