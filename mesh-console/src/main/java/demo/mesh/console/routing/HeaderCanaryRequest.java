package demo.mesh.console.routing;

import io.micronaut.core.annotation.Nullable;

import java.util.regex.Pattern;

/**
 * A request to send requests carrying a header to one subset, in front of a route's split. Constructing one checks
 * everything that can be checked without the VirtualService, so a header no client could send never gets that far.
 *
 * @param route           the weighted route the header canary goes in front of; may be null when the VirtualService
 *                        has a single weighted route
 * @param header          the request header to match, as clients send it
 * @param value           the header's exact value
 * @param subset          the subset those requests go to; it must be defined for the route's host
 * @param resourceVersion the version the caller read; the write only happens if it is still current
 */
public record HeaderCanaryRequest(@Nullable String route, String header, String value, String subset,
                                  String resourceVersion) {

    /**
     * Istio's header name characters, lowercase only: HTTP/2 and gRPC send header names in lowercase and Envoy
     * compares them that way, so a name with a capital letter would be a match that never matches.
     */
    private static final Pattern HEADER = Pattern.compile("[a-z0-9][-_a-z0-9]{0,99}");
    /** Printable ASCII, what an HTTP/2 header and a gRPC text metadata value may hold. */
    private static final Pattern VALUE = Pattern.compile("[\\x21-\\x7e]([\\x20-\\x7e]{0,254}[\\x21-\\x7e])?");
    /** A DNS-1123 label: what Istio accepts as a subset name. */
    private static final Pattern SUBSET = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    public HeaderCanaryRequest {
        if (header == null || header.isEmpty()) {
            throw RoutingException.invalid("header", "header is required: the request header testers send, e.g. \"x-canary\"");
        }
        if (!HEADER.matcher(header).matches()) {
            throw RoutingException.invalid("header", "header '" + header + "' is not a header name a route can match:"
                    + " lowercase letters, digits, '-' and '_', at most 100 characters (HTTP/2 and gRPC send names in lowercase)");
        }
        if (header.startsWith("grpc-")) {
            throw RoutingException.invalid("header", "header '" + header + "' is reserved: gRPC uses names starting"
                    + " with grpc- itself; choose another, e.g. \"x-canary\"");
        }
        if (header.endsWith("-bin")) {
            throw RoutingException.invalid("header", "header '" + header + "' is a binary gRPC header (-bin), whose"
                    + " value is never matched as text; choose a name without -bin");
        }
        if (value == null || value.isEmpty()) {
            throw RoutingException.invalid("value", "value is required: the exact value of header " + header
                    + " that sends a request to the canary, e.g. \"true\"");
        }
        if (!VALUE.matcher(value).matches()) {
            throw RoutingException.invalid("value", "value of header " + header + " must be printable ASCII without"
                    + " leading or trailing spaces, at most 256 characters, as HTTP/2 and gRPC send it");
        }
        if (subset == null || subset.isEmpty()) {
            throw RoutingException.invalid("subset", "subset is required: the version testers reach, e.g. \"v2\"");
        }
        if (!SUBSET.matcher(subset).matches()) {
            throw RoutingException.invalid("subset", "subset '" + subset + "' is not a subset name: lowercase letters,"
                    + " digits and '-', at most 63 characters");
        }
        requireVersion(resourceVersion);
    }

    /** The same check as every write: an edit must say which version it was made on. */
    static void requireVersion(@Nullable String resourceVersion) {
        if (resourceVersion == null || resourceVersion.isBlank()) {
            throw RoutingException.invalid("resourceVersion",
                    "resourceVersion is required: send the resourceVersion you read, so a concurrent change is never overwritten");
        }
    }
}
