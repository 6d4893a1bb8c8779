package demo.mesh.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import demo.mesh.testsupport.AppProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed requests to the edge, sent byte for byte over a socket (an HTTP library would fix or refuse some of
 * them before sending), to the packaged access-app in front of a real logic-app-v1. Each is a 4xx in the edge's JSON
 * error format naming the problem; none is a 500, and the edge answers a good call afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EdgeBadInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One malformed request: what is sent after {@code GET /api/hello}, and what the caller must be told. */
    record Case(String name, String query, int status, String detail) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> catalogue() {
        return List.of(
                // Rules of the contract, enforced by logic-app and passed through by the edge.
                new Case("name missing", "", 400, "Required QueryValue [name] not specified"),
                new Case("name empty", "?name=", 400, "name must not be empty"),
                new Case("name blank", "?name=%20%20%20", 400, "name must not be empty"),
                new Case("name of 65 characters", "?name=" + "x".repeat(65), 400, "name must be at most 64 characters, got 65"),
                new Case("name of 65 emoji", "?name=" + "%F0%9F%98%80".repeat(65), 400, "name must be at most 64 characters, got 65"),
                new Case("name of 4,000 characters", "?name=" + "x".repeat(4000), 400, "name must be at most 64 characters, got 4000"),
                new Case("name with NUL", "?name=a%00b", 400, "found U+0000 at position 2"),
                new Case("name with newline", "?name=a%0Ab", 400, "found U+000A at position 2"),
                new Case("name with tab", "?name=%09a", 400, "found U+0009 at position 1"),
                new Case("name with DEL", "?name=a%7F", 400, "found U+007F at position 2"),
                new Case("name with C1 control NEL", "?name=%C2%85", 400, "found U+0085 at position 1"),
                // Rules of the edge itself: the query must be one well-formed UTF-8 name.
                new Case("name not UTF-8: lone 0xFF", "?name=%FF", 400, "query parameter 'name' is not valid UTF-8: byte 0xFF at byte 1"),
                new Case("name not UTF-8: Latin-1 é", "?name=Ren%E9e", 400, "query parameter 'name' is not valid UTF-8: byte 0xE9 at byte 4"),
                new Case("name not UTF-8: truncated sequence", "?name=%E2%82", 400, "is not valid UTF-8: byte 0xE2 at byte 1"),
                new Case("name not UTF-8: overlong slash", "?name=%C0%AF", 400, "is not valid UTF-8: byte 0xC0 at byte 1"),
                new Case("name not UTF-8: encoded surrogate", "?name=%ED%A0%80", 400, "is not valid UTF-8: byte 0xED at byte 1"),
                new Case("name given twice", "?name=a&name=b", 400, "query parameter 'name' is given more than once"),
                new Case("broken percent-escape", "?name=%zz", 400, "the URL is not valid: Malformed escape pair"),
                new Case("trailing percent sign", "?name=100%", 400, "the URL is not valid"),
                new Case("URL over the request-line limit", "?name=" + "x".repeat(5000), 413, "request line (method and URL) of up to 4096 bytes"));
    }

    private AppProcess logic;
    private AppProcess access;

    @BeforeAll
    void startTheEdgeInFrontOfLogic() throws Exception {
        logic = AppProcess.start("bad-input-logic-app-v1", "logic-app-v1", Map.of());
        access = AppProcess.start("bad-input-access-app", "access-app",
                Map.of("grpc.channels.logic-app.target", "dns:///127.0.0.1:" + logic.grpcPort()));
    }

    @AfterAll
    void stop() throws InterruptedException {
        access.close();
        logic.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void malformedRequestIsA4xxNamingTheProblem(Case bad) throws IOException {
        RawReply reply = send("GET /api/hello" + bad.query());

        assertThat(reply.status()).as(reply.body()).isEqualTo(bad.status());
        JsonNode body = JSON.readTree(reply.body());
        assertThat(body.path("error").asText()).matches("[a-z_]+");
        assertThat(body.path("message").asText()).contains(bad.detail());
        assertThat(body.path("detail").asText()).as("the message, under its older name").isEqualTo(body.path("message").asText());
        assertThat(body.has("field")).as(reply.body()).isTrue();
    }

    @Test
    void edgeStillAnswersAfterTheCatalogue() throws IOException {
        catalogue().forEach(bad -> send("GET /api/hello" + bad.query()));

        RawReply reply = send("GET /api/hello?name=Ren%C3%A9e");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(JSON.readTree(reply.body()).path("message").asText()).isEqualTo("Hello, Renée!");
    }

    /** The request line goes out exactly as written. */
    private RawReply send(String requestLine) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), access.httpPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            return new RawReply(status, response.substring(response.indexOf("\r\n\r\n") + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record RawReply(int status, String body) {
    }
}
