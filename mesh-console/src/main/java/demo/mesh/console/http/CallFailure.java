package demo.mesh.console.http;

import java.net.ConnectException;

/**
 * Why a call through the JDK's HTTP client failed (fabric8's Kubernetes client uses it too), in words for a person:
 * for the API server's 503, a metrics endpoint the health answer names, a webhook's last outcome.
 */
public final class CallFailure {

    private CallFailure() {
    }

    /** "connection refused", else the message of the innermost cause, else that cause's class name. */
    public static String why(Throwable failure) {
        Throwable root = failure;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // The JDK client reports a refused connection as a ConnectException without a message, caused by a
            // ClosedChannelException: the class name of the root would say nothing to a person.
            if (cause instanceof ConnectException) {
                return cause.getMessage() != null ? cause.getMessage() : "connection refused";
            }
            root = cause;
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
