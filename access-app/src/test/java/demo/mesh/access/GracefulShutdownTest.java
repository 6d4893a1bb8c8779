package demo.mesh.access;

import demo.mesh.access.logic.LogicClient;
import demo.mesh.testsupport.LogicServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stopping access-app (SIGTERM in a rolling update) lets the requests it holds finish with logic-app's answers instead
 * of cutting their connections: closing the application waits for them (micronaut.lifecycle.graceful-shutdown),
 * and the channel to logic-app stays open until they have their answers. logic-app is a real gRPC server in this JVM
 * that answers each call {@link #LATENCY} after it arrives, and outlives access-app, as the release a pod calls does.
 * Stopping is the point here, so the application is started by hand.
 */
class GracefulShutdownTest {

    private static final Argument<Map<String, Object>> JSON = Argument.mapOf(String.class, Object.class);
    private static final Duration LATENCY = Duration.ofSeconds(1);
    private static final int IN_FLIGHT = 4;

    @Test
    void requestsInFlightWhenTheAppStopsGetLogicAnswersAndTheAppStopsRightAfter() throws Exception {
        try (LogicServer logic = LogicServer.slow("v1", LATENCY)) {
            EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                    LogicClient.TARGET_PROPERTY, "dns:///127.0.0.1:" + logic.port(),
                    "access.logic.deadline", "10s"), Environment.TEST);
            // Outlives the application, so it is not one of its beans; like AccessApi, it hands back error bodies.
            DefaultHttpClientConfiguration clientConfig = new DefaultHttpClientConfiguration();
            clientConfig.setExceptionOnErrorStatus(false);
            try (HttpClient client = HttpClient.create(server.getURL(), clientConfig)) {
                List<CompletableFuture<HttpResponse<Map<String, Object>>>> inFlight = IntStream.range(0, IN_FLIGHT)
                        .mapToObj(i -> CompletableFuture.supplyAsync(() -> client.toBlocking()
                                .exchange(HttpRequest.GET("/api/hello?name=held-" + i), JSON, JSON)))
                        .toList();
                await().atMost(Duration.ofSeconds(10)).until(() -> logic.attempts() == IN_FLIGHT);

                long closing = System.nanoTime();
                server.getApplicationContext().close();
                Duration toClose = Duration.ofNanos(System.nanoTime() - closing);

                for (int i = 0; i < IN_FLIGHT; i++) {
                    HttpResponse<Map<String, Object>> answer = inFlight.get(i).get(10, TimeUnit.SECONDS);
                    assertThat(answer.code()).as("request %d's status", i).isEqualTo(200);
                    assertThat(answer.body()).as("request %d's answer", i)
                            .containsEntry("message", "Hello, held-" + i + "!").containsEntry("version", "v1");
                }
                assertThat(logic.attempts()).as("attempts that reached logic: none retried").isEqualTo(IN_FLIGHT);
                // The answers come at most LATENCY after closing began; closing then ends promptly, not at the
                // 20 s grace period's end.
                assertThat(toClose).as("closing access-app").isLessThan(LATENCY.plusSeconds(1));
            } finally {
                if (server.getApplicationContext().isRunning()) {
                    server.getApplicationContext().close();
                }
            }
        }
    }
}
