package demo.mesh.access.logic;

import io.grpc.Metadata;
import io.micronaut.http.HttpHeaders;
import io.micronaut.context.annotation.Context;

import java.util.List;

/** Copies the configured incoming HTTP headers into the gRPC metadata of a call to logic-app. */
@Context
public class HeaderPropagation {

    private final List<Metadata.Key<String>> keys;

    HeaderPropagation(PropagationConfig config) {
        // Built once, at start-up (@Context): a header name gRPC rejects stops the application, not a request.
        this.keys = config.headers().stream()
                .map(name -> Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER))
                .toList();
    }

    /** The metadata to send: every configured header present in {@code incoming}, with all its values. */
    public Metadata select(HttpHeaders incoming) {
        Metadata metadata = new Metadata();
        for (Metadata.Key<String> key : keys) {
            for (String value : incoming.getAll(key.name())) {
                metadata.put(key, value);
            }
        }
        return metadata;
    }
}
