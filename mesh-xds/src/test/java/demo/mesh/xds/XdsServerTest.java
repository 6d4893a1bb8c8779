package demo.mesh.xds;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The server's own bookkeeping; what clients receive is in ProxylessRoutingTest. */
class XdsServerTest {

    @Test
    void servesNothingBeforeTheFirstPublishThenCountsVersions() throws IOException {
        try (XdsServer xds = XdsServer.start(0)) {
            assertThat(xds.current()).isEmpty();

            xds.publish(ShippedRouting.split("90-10"));
            xds.publish(ShippedRouting.split("50-50"));

            assertThat(xds.current()).get().satisfies(served -> {
                assertThat(served.version()).isEqualTo(2);
                assertThat(ShippedRouting.splitRoute(served.routing()).getRoute()).extracting("weight").containsExactly(50, 50);
            });
        }
    }

    @Test
    void editingTheObjectsAfterAPublishDoesNotChangeWhatIsReportedAsServed() throws IOException {
        try (XdsServer xds = XdsServer.start(0)) {
            MeshRouting routing = ShippedRouting.split("90-10");
            xds.publish(routing);

            ShippedRouting.withWeights(routing, 0, 100);

            assertThat(ShippedRouting.splitRoute(xds.current().orElseThrow().routing()).getRoute())
                    .extracting("weight").containsExactly(90, 10);
        }
    }

    @Test
    void aTakenPortIsReportedWithTheAddress() throws IOException {
        try (XdsServer first = XdsServer.start(0)) {
            assertThatThrownBy(() -> XdsServer.start(first.port()))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("xDS server cannot listen on 127.0.0.1:" + first.port());
        }
    }
}
