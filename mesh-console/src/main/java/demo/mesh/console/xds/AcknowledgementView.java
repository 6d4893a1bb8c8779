package demo.mesh.console.xds;

import demo.mesh.xds.Acknowledgement;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The {@code acknowledged} event of {@code /api/xds/stream}: when every connected client had accepted the newest
 * routing, i.e. when a shift was in force across the data plane.
 *
 * @param version        the xDS version, as in each client's {@code acked}
 * @param publishedAt    when the console served it (ISO-8601)
 * @param acknowledgedAt when the last connected client accepted it (ISO-8601)
 * @param afterMillis    the time between the two
 * @param clients        how many clients were connected
 */
@Serdeable
public record AcknowledgementView(String version, String publishedAt, String acknowledgedAt, long afterMillis, int clients) {

    static AcknowledgementView of(Acknowledgement acknowledgement) {
        return new AcknowledgementView(acknowledgement.version(), acknowledgement.publishedAt().toString(),
                acknowledgement.acknowledgedAt().toString(), acknowledgement.after().toMillis(), acknowledgement.clients());
    }
}
