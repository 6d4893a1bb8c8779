package demo.mesh.console.health;

import io.grpc.Status;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one list of gRPC statuses that count against a release: those that mean the server failed. Statuses the caller
 * caused (INVALID_ARGUMENT, NOT_FOUND, PERMISSION_DENIED, ...) or chose (CANCELLED) are no release's fault and count
 * as answered. Every metrics source asks this class, so a PromQL template and the embedded scraper cannot disagree.
 */
public final class ServerFailures {

    private static final Set<Status.Code> CODES = EnumSet.of(
            Status.Code.UNKNOWN,
            Status.Code.DEADLINE_EXCEEDED,
            Status.Code.RESOURCE_EXHAUSTED,
            Status.Code.UNIMPLEMENTED,
            Status.Code.INTERNAL,
            Status.Code.UNAVAILABLE,
            Status.Code.DATA_LOSS);

    private static final Set<String> NAMES = CODES.stream().map(Enum::name).collect(Collectors.toUnmodifiableSet());

    private ServerFailures() {
    }

    /** True when a status, given by name as access-app tags it ({@code UNAVAILABLE}), is the server's failure. */
    public static boolean isFailure(String statusName) {
        return NAMES.contains(statusName);
    }

    /** The statuses by number as a PromQL regex alternation, as Istio's {@code grpc_response_status} holds them. */
    public static String numbersRegex() {
        return CODES.stream().map(code -> String.valueOf(code.value())).collect(Collectors.joining("|"));
    }

    /** The statuses by name as a PromQL regex alternation, as access-app's {@code outcome} tag holds them. */
    public static String namesRegex() {
        return CODES.stream().map(Enum::name).collect(Collectors.joining("|"));
    }
}
