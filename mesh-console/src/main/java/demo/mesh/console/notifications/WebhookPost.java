package demo.mesh.console.notifications;

import demo.mesh.console.http.CallFailure;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** Posts one body to a receiver and says what came of it, within the configured timeouts, never throwing. */
class WebhookPost {

    private final HttpClient client;
    private final Duration connectTimeout;
    private final Duration timeout;

    WebhookPost(NotificationsConfiguration settings) {
        this.connectTimeout = settings.connectTimeout();
        this.timeout = settings.timeout();
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** @throws InterruptedException when the console is stopping */
    Outcome send(URI url, String body) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "mesh-console")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return Outcome.answered(client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (HttpConnectTimeoutException e) {
            return Outcome.unanswered("no connection within " + connectTimeout.toMillis() + " ms");
        } catch (HttpTimeoutException e) {
            return Outcome.unanswered("no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            // The JDK's messages name hosts and ports at most, never the URL's path, where a webhook's secret is.
            return Outcome.unanswered(CallFailure.why(e));
        }
    }
}
