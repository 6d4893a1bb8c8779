package demo.mesh.testsupport;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Whether the suite runs in CI (environment variable {@code CI=true}): there a test that lacks a tool fails instead of
 * skipping, so that the build cannot pass by not running it.
 */
public final class Ci {

    private Ci() {
    }

    public static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Skips the running test, saying {@code reason}; in CI fails it with the same reason. */
    public static void skipOrFailInCi(String reason) {
        if (isCi()) {
            Assertions.fail(reason);
        }
        Assumptions.abort(reason);
    }
}
