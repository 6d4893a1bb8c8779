package demo.mesh.xds;

import java.time.Duration;
import java.time.Instant;

/**
 * The moment every connected client had accepted one publish: when a change is in force across the data plane.
 *
 * @param version        the xDS version of the publish, as clients report it
 * @param publishedAt    when it was published
 * @param acknowledgedAt when the last connected client accepted it
 * @param clients        how many clients were connected then
 */
public record Acknowledgement(String version, Instant publishedAt, Instant acknowledgedAt, int clients) {

    public Duration after() {
        return Duration.between(publishedAt, acknowledgedAt);
    }
}
