package demo.mesh.logic.api;

import io.grpc.Metadata;

import java.util.Optional;

/**
 * Part of the contract beside the .proto: every answer of logic-app, OK or error, names the release and instance
 * that gave it in response metadata ({@value #VERSION_HEADER}, {@value #INSTANCE_HEADER}). A failed call has no
 * reply body, so without these a caller could not tell which release failed it. Servers add them with
 * {@link ReleaseMetadataInterceptor}; callers read them with {@link #version(Metadata, Metadata)}.
 */
public final class ReleaseMetadata {

    public static final String VERSION_HEADER = "x-logic-version";
    public static final String INSTANCE_HEADER = "x-logic-instance";
    public static final Metadata.Key<String> VERSION = Metadata.Key.of(VERSION_HEADER, Metadata.ASCII_STRING_MARSHALLER);
    public static final Metadata.Key<String> INSTANCE = Metadata.Key.of(INSTANCE_HEADER, Metadata.ASCII_STRING_MARSHALLER);

    private ReleaseMetadata() {
    }

    /**
     * The release that answered, from the trailers (which every answer carries) or else the headers; empty when
     * no release answered, e.g. when the call never reached a server. Either argument may be null.
     */
    public static Optional<String> version(Metadata trailers, Metadata headers) {
        return Optional.ofNullable(valueIn(trailers)).or(() -> Optional.ofNullable(valueIn(headers)));
    }

    private static String valueIn(Metadata metadata) {
        if (metadata == null) {
            return null;
        }
        String version = metadata.get(VERSION);
        return version == null || version.isEmpty() ? null : version;
    }
}
