package demo.mesh.access.logic;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.util.List;
import java.util.Locale;

/**
 * Incoming HTTP headers copied onto every call to logic-app, so that Istio header matches (such as a canary
 * header) and distributed traces reach from access-app to logic-app.
 *
 * @param headers header names, case-insensitive; text headers only
 */
@ConfigurationProperties(PropagationConfig.PREFIX)
public record PropagationConfig(List<String> headers) {

    public static final String PREFIX = "access.propagation";

    public PropagationConfig {
        headers = headers == null ? List.of() : headers.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        for (String header : headers) {
            // gRPC carries "-bin" headers as binary and reserves ":" pseudo-headers; HTTP text cannot be copied there.
            if (header.isEmpty() || header.endsWith("-bin") || header.startsWith(":")) {
                throw new IllegalArgumentException(PREFIX + ".headers: '" + header
                        + "' cannot be propagated; use plain text header names such as x-request-id");
            }
        }
    }
}
