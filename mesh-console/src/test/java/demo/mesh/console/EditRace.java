package demo.mesh.console;

import demo.mesh.testsupport.ConsoleClient.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hundred editors PUT logic-app's split at once, all with the version they read together. Editor i asks for
 * v2 = i + 1: a hundred different splits, none of them the current 100/0, so the winner's split names the winner.
 */
public final class EditRace {

    private static final Logger LOG = LoggerFactory.getLogger(EditRace.class);
    private static final int EDITORS = 100;
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    /** The split that won: the only editor answered 200 while all others were told to reload. */
    public record Winner(int v1, int v2, Response answer) {

        /** The split as history records it. */
        public String json() {
            return "{\"v1\":" + v1 + ",\"v2\":" + v2 + "}";
        }
    }

    private EditRace() {
    }

    /**
     * Runs the race and asserts exactly one editor won and the 99 others got 409 saying what to do.
     *
     * @param put sends one editor's PUT: given v1 and v2, returns the console's answer
     */
    public static Winner run(BiFunction<Integer, Integer, Response> put) {
        SimultaneousCalls.Outcome<Response> race = SimultaneousCalls.run(EDITORS, DEADLINE,
                i -> put.apply(100 - v2(i), v2(i)));
        LOG.info("{} simultaneous PUTs from one resourceVersion answered in {} ms", EDITORS, race.elapsed().toMillis());

        List<Response> answers = race.results();
        List<Integer> winners = IntStream.range(0, EDITORS).filter(i -> answers.get(i).status() == 200).boxed().toList();
        assertThat(winners).as("editors answered 200").hasSize(1);
        assertThat(answers).as("every other answer").filteredOn(r -> r.status() != 200).hasSize(EDITORS - 1)
                .allSatisfy(r -> {
                    assertThat(r.status()).as(r.body()).isEqualTo(409);
                    assertThat(r.message()).isEqualTo(
                            "VirtualService mesh-demo/logic-app was changed since you read it; reload and try again");
                });
        int winner = winners.get(0);
        return new Winner(100 - v2(winner), v2(winner), answers.get(winner));
    }

    private static int v2(int editor) {
        return editor + 1;
    }
}
