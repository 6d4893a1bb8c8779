package demo.mesh.xds;

import com.google.protobuf.Duration;
import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.config.route.v3.RetryPolicy;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRetry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Istio's {@code retries} → the xDS retry policy as gRPC clients apply it (gRFC A44). */
final class RetryTranslator {

    /** The only retry conditions gRPC clients act on: status codes. */
    private static final Set<String> GRPC_CONDITIONS = Set.of("cancelled", "deadline-exceeded", "internal", "resource-exhausted", "unavailable");
    /** What Istio retries on when {@code retryOn} is not set. */
    private static final String ISTIO_DEFAULT_RETRY_ON = "connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes";
    /** gRPC clients cap attempts per call (the first one included) at this, whatever the policy says. */
    private static final int GRPC_MAX_ATTEMPTS = 5;

    private RetryTranslator() {
    }

    /** @return empty when calls are not to be retried */
    static Optional<RetryPolicy> translate(HTTPRetry retries, String object, String field, Warnings warnings) {
        if (retries == null) {
            return Optional.empty();
        }
        UnsupportedFields.report(retries, Set.of("attempts", "retryOn", "backoff"), object, field, warnings);
        Integer attempts = retries.getAttempts();
        if (attempts == null) {
            warnings.add(object, field + ".attempts", "is not set, so calls are not retried");
            return Optional.empty();
        }
        if (attempts < 0) {
            throw new InvalidRoutingException(object, field + ".attempts", "must be 0 or more, got " + attempts);
        }
        if (attempts == 0) {
            return Optional.empty();
        }
        if (attempts + 1 > GRPC_MAX_ATTEMPTS) {
            warnings.add(object, field + ".attempts", "gRPC clients make at most " + GRPC_MAX_ATTEMPTS
                    + " attempts per call, so " + attempts + " retries become " + (GRPC_MAX_ATTEMPTS - 1));
        }
        List<String> codes = statusCodes(retries.getRetryOn(), object, field + ".retryOn", warnings);
        if (codes.isEmpty()) {
            warnings.add(object, field + ".retryOn", "names no gRPC status code, so calls are not retried");
            return Optional.empty();
        }
        RetryPolicy.Builder policy = RetryPolicy.newBuilder()
                .setRetryOn(String.join(",", codes))
                .setNumRetries(UInt32Value.of(attempts));
        if (retries.getBackoff() != null) {
            Duration base = IstioDuration.parse(retries.getBackoff(), object, field + ".backoff");
            if (IstioDuration.isZero(base)) {
                throw new InvalidRoutingException(object, field + ".backoff", "must be longer than 0s");
            }
            policy.setRetryBackOff(RetryPolicy.RetryBackOff.newBuilder().setBaseInterval(base));
        }
        return Optional.of(policy.build());
    }

    private static List<String> statusCodes(String retryOn, String object, String field, Warnings warnings) {
        List<String> codes = new ArrayList<>();
        List<String> others = new ArrayList<>();
        Arrays.stream((retryOn == null ? ISTIO_DEFAULT_RETRY_ON : retryOn).split(","))
                .map(String::trim)
                .filter(condition -> !condition.isEmpty())
                .forEach(condition -> (GRPC_CONDITIONS.contains(condition) ? codes : others).add(condition));
        // Istio's default names Envoy conditions too; only conditions a user wrote are worth a warning.
        if (!others.isEmpty() && retryOn != null) {
            warnings.add(object, field, String.join(", ", others) + ": gRPC clients retry on status codes only"
                    + " (connection failures and refused streams reach them as unavailable)");
        }
        return codes;
    }
}
