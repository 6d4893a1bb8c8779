package demo.mesh.xds;

import com.google.protobuf.BoolValue;
import io.envoyproxy.envoy.config.route.v3.HeaderMatcher;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import io.envoyproxy.envoy.type.matcher.v3.RegexMatcher;
import io.envoyproxy.envoy.type.matcher.v3.StringMatcher;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchExact;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchPrefix;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchRegex;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One Istio match → an xDS route match. gRPC clients match on the call's path ({@code /package.Service/Method})
 * and on headers (gRFC A28), so those are translated. A match that also needs something a client cannot check is
 * left out whole: serving it without that condition would select calls its author meant to exclude.
 */
final class MatchTranslator {

    private static final Set<String> TRANSLATED = Set.of("name", "uri", "ignoreUriCase", "headers");
    /** Reported, but they do not change which calls match, so the match is still served. */
    private static final Set<String> HARMLESS = Set.of("statPrefix");

    private MatchTranslator() {
    }

    /** A route match for every call, for routes without {@code match}. */
    static RouteMatch everything() {
        return RouteMatch.newBuilder().setPrefix("").build();
    }

    /** @return empty when the match is left out (with a warning saying why) */
    static Optional<RouteMatch> translate(HTTPMatchRequest match, String object, String field, Warnings warnings) {
        Set<String> unsupported = UnsupportedFields.report(match, TRANSLATED, object, field, warnings);
        unsupported.removeAll(HARMLESS);
        if (!unsupported.isEmpty()) {
            warnings.add(object, field, "this match is left out, as gRPC clients cannot check " + String.join(", ", unsupported)
                    + "; the calls it would select go on to the next route");
            return Optional.empty();
        }
        RouteMatch.Builder route = RouteMatch.newBuilder();
        path(match, route, object, field + ".uri");
        Map<String, StringMatch> headers = match.getHeaders() == null ? Map.of() : match.getHeaders();
        headers.forEach((name, value) -> route.addHeaders(header(name, value, object, field + ".headers." + name)));
        return Optional.of(route.build());
    }

    private static void path(HTTPMatchRequest match, RouteMatch.Builder route, String object, String field) {
        StringMatcher uri = match.getUri() == null ? null : matcher(match.getUri(), object, field);
        if (uri == null) {
            route.setPrefix("");
            return;
        }
        switch (uri.getMatchPatternCase()) {
            case EXACT -> route.setPath(uri.getExact());
            case PREFIX -> route.setPrefix(uri.getPrefix());
            default -> route.setSafeRegex(uri.getSafeRegex());
        }
        route.setCaseSensitive(BoolValue.of(!Boolean.TRUE.equals(match.getIgnoreUriCase())));
    }

    /**
     * Header matchers in the fields every gRPC client reads. Envoy deprecated {@code exact_match}, {@code
     * prefix_match} and {@code safe_regex_match} in favour of {@code string_match}, which means the same; but gRPC
     * clients read {@code string_match} only since gRFC A63 (2023), and gRPC C-core 1.51 (Debian's python3-grpcio)
     * rejects the whole route configuration when it meets one ("Invalid route header matcher specified"). The older
     * fields are read by every gRPC client since xDS routing came (gRFC A28), grpc-java included.
     */
    @SuppressWarnings("deprecation")
    private static HeaderMatcher header(String name, StringMatch value, String object, String field) {
        HeaderMatcher.Builder header = HeaderMatcher.newBuilder().setName(name);
        StringMatcher matcher = value == null ? null : matcher(value, object, field);
        if (matcher == null) {
            // An empty match ({}) asks only that the header be present, as in Istio.
            return header.setPresentMatch(true).build();
        }
        return switch (matcher.getMatchPatternCase()) {
            case EXACT -> header.setExactMatch(matcher.getExact()).build();
            case PREFIX -> header.setPrefixMatch(matcher.getPrefix()).build();
            case SAFE_REGEX -> header.setSafeRegexMatch(matcher.getSafeRegex()).build();
            default -> throw new IllegalStateException("no header matcher for " + matcher.getMatchPatternCase());
        };
    }

    /** @return null for an empty match */
    private static StringMatcher matcher(StringMatch match, String object, String field) {
        if (match.getMatchType() instanceof StringMatchExact exact) {
            return StringMatcher.newBuilder().setExact(exact.getExact()).build();
        }
        if (match.getMatchType() instanceof StringMatchPrefix prefix) {
            return StringMatcher.newBuilder().setPrefix(prefix.getPrefix()).build();
        }
        if (match.getMatchType() instanceof StringMatchRegex regex) {
            return StringMatcher.newBuilder().setSafeRegex(regex(regex.getRegex(), object, field + ".regex")).build();
        }
        return null;
    }

    private static RegexMatcher regex(String regex, String object, String field) {
        try {
            // Clients use RE2; Java's syntax is a superset, so this catches the broken patterns before a client NACKs.
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new InvalidRoutingException(object, field, "'" + regex + "' is not a regular expression: " + e.getDescription());
        }
        return RegexMatcher.newBuilder().setRegex(regex).build();
    }
}
