package demo.mesh.logic.v2;

import demo.mesh.logic.ReleaseContract;
import demo.mesh.logic.api.HelloReply;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class ReleaseV2Test extends ReleaseContract {

    @Override
    protected String expectedVersion() {
        return "v2";
    }

    @Test
    void greetingCarriesARatingInStarsAndInTheMessage() {
        HelloReply reply = logic.hello("alice");

        assertThat(reply.getStars()).isBetween(1, 5);
        assertThat(reply.getMessage()).isEqualTo("Hello, alice! "
                + "★".repeat(reply.getStars()) + "☆".repeat(5 - reply.getStars()));
    }

    @Test
    void aNameAlwaysGetsTheSameRating() {
        assertThat(logic.hello("carol").getStars()).isEqualTo(logic.hello("carol").getStars());
    }

    @Test
    void ratingsSpreadOverAllFiveStars() {
        Set<Integer> ratings = IntStream.range(0, 100).mapToObj(i -> RatedGreeting.rating("user-" + i))
                .collect(Collectors.toSet());

        assertThat(ratings).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
    }
}
