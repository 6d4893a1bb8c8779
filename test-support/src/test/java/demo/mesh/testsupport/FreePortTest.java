package demo.mesh.testsupport;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FreePortTest {

    @Test
    void picksAPortBelowTheEphemeralRangeThatAServerCanBind() throws Exception {
        int port = FreePort.belowEphemeralRange();

        assertThat(port).isBetween(10000, FreePort.ephemeralStart() - 1);
        try (ServerSocket server = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(server.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void skipsPortsThatServersHold() throws Exception {
        int first = threeFreePortsInARow();
        try (ServerSocket below = bind(first); ServerSocket above = bind(first + 2)) {
            // 100 tries among 3 ports, one free: missing it every time has probability (2/3)^100 ≈ 2.5e-18.
            assertThat(FreePort.pick(first, first + 3)).isEqualTo(first + 1);

            try (ServerSocket middle = bind(first + 1)) {
                assertThatThrownBy(() -> FreePort.pick(first, first + 3))
                        .hasMessageContaining("no free loopback port")
                        .hasMessageContaining("[" + first + ", " + (first + 3) + ")");
            }
        }
    }

    private static int threeFreePortsInARow() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int first = FreePort.belowEphemeralRange();
            try (ServerSocket a = bind(first); ServerSocket b = bind(first + 1); ServerSocket c = bind(first + 2)) {
                return first;
            } catch (IOException taken) {
                // One of the next two is in use: try elsewhere.
            }
        }
        throw new IllegalStateException("no three free ports in a row below the ephemeral range");
    }

    private static ServerSocket bind(int port) throws IOException {
        return new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
    }
}
