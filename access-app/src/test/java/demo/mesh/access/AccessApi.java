package demo.mesh.access;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.uri.UriBuilder;
import jakarta.inject.Singleton;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** access-app's HTTP API as a caller sees it over a real socket: a status and a JSON body, errors included. */
@Singleton
class AccessApi {

    private static final Argument<Map<String, Object>> JSON = Argument.mapOf(String.class, Object.class);

    private final HttpClient http;

    AccessApi(@Client("/") HttpClient http) {
        this.http = http;
    }

    Reply hello(String name) {
        return hello(name, Map.of());
    }

    Reply hello(String name, Map<String, String> headers) {
        return get(UriBuilder.of("/api/hello").queryParam("name", name).toString(), headers);
    }

    Reply get(String path) {
        return get(path, Map.of());
    }

    Reply get(String path, Map<String, String> headers) {
        MutableHttpRequest<Object> request = HttpRequest.GET(path);
        headers.forEach(request::header);
        // Same body type for errors: with exception-on-error-status off the client then hands back the error body.
        var response = http.toBlocking().exchange(request, JSON, JSON);
        return new Reply(response.status(), response.getBody().orElse(Map.of()));
    }

    String text(String path) {
        return http.toBlocking().retrieve(path);
    }

    record Reply(HttpStatus status, Map<String, Object> body) {

        String field(String name) {
            return String.valueOf(body.get(name));
        }

        Reply assertStatus(HttpStatus expected) {
            // HttpStatus is a CharSequence, so compare codes; the body explains an unexpected status.
            assertThat(status.getCode()).as("HTTP status of a reply with body %s", body).isEqualTo(expected.getCode());
            return this;
        }

        /**
         * Asserts the error format every failure shares, with mesh-console too: a code, a message, the field at
         * fault (null when no one field is), and the message again as {@code detail}; returns this to check the
         * message.
         */
        Reply assertError(HttpStatus expected) {
            assertStatus(expected);
            assertThat(body).containsOnlyKeys("error", "message", "field", "detail");
            assertThat(body.get("detail")).isEqualTo(body.get("message"));
            return this;
        }
    }
}
