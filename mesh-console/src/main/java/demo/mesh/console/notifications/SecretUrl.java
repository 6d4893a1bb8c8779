package demo.mesh.console.notifications;

import java.net.URI;

/** A webhook URL as it may be shown and logged: Slack's and most others carry their secret in the path or query. */
final class SecretUrl {

    private SecretUrl() {
    }

    /** {@code https://hooks.slack.com/…}: scheme, host and port only. */
    static String redacted(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort()) + "/…";
    }
}
