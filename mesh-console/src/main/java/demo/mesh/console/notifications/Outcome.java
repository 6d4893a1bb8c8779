package demo.mesh.console.notifications;

import io.micronaut.core.annotation.Nullable;

/**
 * What one POST to a receiver came to.
 *
 * @param status the HTTP status; null when no answer came
 * @param reason why it failed, in words; null when it did not
 */
record Outcome(@Nullable Integer status, @Nullable String reason) {

    static Outcome answered(int status) {
        return new Outcome(status, status / 100 == 2 ? null : "the receiver answered " + status);
    }

    static Outcome unanswered(String reason) {
        return new Outcome(null, reason);
    }

    boolean delivered() {
        return reason == null;
    }

    /**
     * No answer, a server error, 408 or 429 may pass; any other refusal (a 404 for a deleted Slack webhook, a 400)
     * would be refused again, so trying again only delays the report.
     */
    boolean worthRetrying() {
        return status == null || status >= 500 || status == 408 || status == 429;
    }
}
