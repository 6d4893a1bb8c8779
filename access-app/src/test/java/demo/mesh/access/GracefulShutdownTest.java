package demo.mesh.access;

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
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stopping access-app (SIGTERM in a rolling update) lets a request already in flight finish with its answer
 * instead of cutting the connection. Stopping is the point here, so the application is started by hand.
 */
class GracefulShutdownTest {

    private static final Argument<Map<String, Object>> JSON = Argument.mapOf(String.class, Object.class);

    @Test
    void aRequestInFlightWhenTheAppStopsStillGetsItsAnswer() throws Exception {
        Map<String, Object> settings = new HashMap<>(FakeLogic.serverProperties());
        settings.put("spec.name", FakeLogic.SPEC);
        // Long enough that a cold first call still reaches logic before the deadline ends it.
        settings.put("access.logic.deadline", "3s");
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, settings, Environment.TEST);
        FakeLogic.Service logic = server.getApplicationContext().getBean(FakeLogic.Service.class);

        // Outlives the application, so it is not one of its beans; like AccessApi, it hands back error bodies.
        DefaultHttpClientConfiguration clientConfig = new DefaultHttpClientConfiguration();
        clientConfig.setExceptionOnErrorStatus(false);
        try (HttpClient client = HttpClient.create(server.getURL(), clientConfig)) {
            CompletableFuture<HttpResponse<Map<String, Object>>> inFlight = CompletableFuture.supplyAsync(() ->
                    client.toBlocking().exchange(HttpRequest.GET("/api/hello?name=" + FakeLogic.SLOW), JSON, JSON));
            await().atMost(Duration.ofSeconds(10)).until(() -> !logic.calls().isEmpty());

            server.getApplicationContext().close();

            HttpResponse<Map<String, Object>> answer = inFlight.get(10, TimeUnit.SECONDS);
            assertThat(answer.code()).isEqualTo(504);
            assertThat(answer.body()).containsEntry("error", "deadline_exceeded");
        } finally {
            if (server.getApplicationContext().isRunning()) {
                server.getApplicationContext().close();
            }
        }
    }
}
