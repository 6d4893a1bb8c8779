package demo.mesh.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;

import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;

/**
 * fabric8's CRUD dispatcher, except that a watch from a resourceVersion is answered as the API server answers it: with
 * the changes after that version only. The mock server opens every watch by sending each stored object as ADDED, so
 * an informer, which lists and then watches from the list's version, would be handed every object twice: work no
 * API server puts on a controller starting up. A watch without a version (or from "0") still opens with every
 * object, as the API server's does.
 *
 * <p>The mock's opening objects are told from later changes by type and version: it sends them as ADDED, each with the
 * version it was stored at, and anything created after the watch's version carries a later one. Its DELETED events
 * carry the object's last stored version, so they always pass.
 */
final class ExactWatches extends KubernetesCrudDispatcher {

    ExactWatches(List<CustomResourceDefinitionContext> customResources) {
        super(customResources);
    }

    @Override
    public MockResponse handleWatch(String path) {
        MockResponse response = super.handleWatch(path);
        long from = resourceVersion(path);
        if (from <= 0) {
            return response;
        }
        WebSocketListener events = response.getWebSocketListener();
        return response.withWebSocketUpgrade(new WebSocketListener() {
            @Override
            public void onOpen(WebSocket socket, Response opened) {
                events.onOpen(new ChangesAfter(socket, from), opened);
            }

            @Override
            public void onClosing(WebSocket socket, int code, String reason) {
                events.onClosing(socket, code, reason);
            }

            @Override
            public void onClosed(WebSocket socket, int code, String reason) {
                events.onClosed(socket, code, reason);
            }

            @Override
            public void onFailure(WebSocket socket, Throwable failure, Response response) {
                events.onFailure(socket, failure, response);
            }
        });
    }

    /** The watch's {@code resourceVersion} parameter, or 0 when it has none. */
    private static long resourceVersion(String path) {
        String query = URI.create(path).getRawQuery();
        if (query == null) {
            return 0;
        }
        for (String parameter : query.split("&")) {
            if (parameter.startsWith("resourceVersion=")) {
                String version = parameter.substring("resourceVersion=".length());
                return version.isEmpty() ? 0 : Long.parseLong(version);
            }
        }
        return 0;
    }

    /** A watch's socket that leaves out the objects stored at or before the version the watch started from. */
    private record ChangesAfter(WebSocket socket, long from) implements WebSocket {

        @Override
        public RecordedRequest request() {
            return socket.request();
        }

        @Override
        public boolean send(String text) {
            return alreadyListed(text) || socket.send(text);
        }

        @Override
        public boolean send(byte[] bytes) {
            return socket.send(bytes);
        }

        @Override
        public boolean send(ByteString bytes) {
            return socket.send(bytes);
        }

        @Override
        public boolean close(int code, String reason) {
            return socket.close(code, reason);
        }

        private boolean alreadyListed(String text) {
            try {
                JsonNode event = Serialization.jsonMapper().readTree(text);
                String version = event.path("object").path("metadata").path("resourceVersion").asText("");
                return "ADDED".equals(event.path("type").asText()) && !version.isEmpty()
                        && Long.parseLong(version) <= from;
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
