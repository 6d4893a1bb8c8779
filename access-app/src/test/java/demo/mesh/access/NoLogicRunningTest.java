package demo.mesh.access;

import demo.mesh.testsupport.LogicCallScrape;
import demo.mesh.access.logic.LogicClient;
import io.micronaut.http.HttpStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** access-app with nothing listening on its logic target, as when logic-app is down or not yet deployed. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NoLogicRunningTest implements TestPropertyProvider {

    @Inject
    AccessApi api;

    /**
     * Bound but never listening: a connection to its port is refused, and nothing else can take the port while the
     * test runs, as it could a free port that was only looked up.
     */
    private final Socket nothingListening = bindWithoutListening();
    private final String target = "dns:///127.0.0.1:" + nothingListening.getLocalPort();

    @Override
    public Map<String, String> getProperties() {
        return Map.of(LogicClient.TARGET_PROPERTY, target);
    }

    @AfterAll
    void releaseThePort() throws IOException {
        nothingListening.close();
    }

    @Test
    void helloIsAnswered503NamingLogicApp() {
        AccessApi.Reply reply = api.hello("Ada").assertError(HttpStatus.SERVICE_UNAVAILABLE);

        assertThat(reply.field("error")).isEqualTo("unavailable");
        assertThat(reply.field("detail")).startsWith("logic-app could not be reached");
    }

    @Test
    void pingAnswersOkWithoutLogic() {
        AccessApi.Reply reply = api.get("/api/ping").assertStatus(HttpStatus.OK);

        assertThat(reply.body()).isEqualTo(Map.of("status", "ok"));
    }

    @Test
    void aCallNoReleaseAnsweredIsCountedWithoutAVersion() {
        LogicCallScrape before = new LogicCallScrape(api.text("/prometheus"));

        api.hello("Ada").assertError(HttpStatus.SERVICE_UNAVAILABLE);

        LogicCallScrape after = new LogicCallScrape(api.text("/prometheus"));
        for (String series : List.of(LogicCallScrape.CALLS, LogicCallScrape.ATTEMPTS)) {
            assertThat(after.value(series, "UNAVAILABLE", "none"))
                    .as(series).isEqualTo(before.value(series, "UNAVAILABLE", "none") + 1);
            assertThat(after.total(series)).as(series).isEqualTo(before.total(series) + 1);
        }
    }

    @Test
    void aliveButNotReadyWhileLogicHasNeverBeenReached() {
        assertThat(api.get("/health/liveness").assertStatus(HttpStatus.OK).field("status")).isEqualTo("UP");

        AccessApi.Reply readiness = api.get("/health/readiness").assertStatus(HttpStatus.SERVICE_UNAVAILABLE);

        assertThat(readiness.field("status")).isEqualTo("DOWN");
        assertThat(readiness.body()).extractingByKey("details").asString()
                .contains("waitingFor=the logic-app channel to become READY", "target=" + target);
    }

    @Test
    void prometheusScrapeIsOpenToAnonymousCallers() {
        assertThat(api.text("/prometheus")).contains("# TYPE jvm_memory_used_bytes gauge");
    }

    private static Socket bindWithoutListening() {
        Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a loopback port", e);
        }
    }
}
