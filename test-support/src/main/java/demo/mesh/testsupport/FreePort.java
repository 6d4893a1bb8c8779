package demo.mesh.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A loopback port for a server that must be told its port before it starts (Prometheus, or access-app when the
 * console is told where to scrape it first).
 *
 * <p>A port the kernel hands out for a bind to port 0 lies in its ephemeral range, and so does the source port of
 * every outgoing connection: between picking such a port and the server binding it, any process's port-0 bind or
 * connection may take it, even a client's connection to that very port while nothing listens there yet (TCP connects
 * to itself). A port below the range is only ever taken by a bind that names it, so it is picked from there.
 */
public final class FreePort {
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** Linux's default start of the range, where the kernel does not say. */
    private static final int DEFAULT_EPHEMERAL_START = 32768;
    /** Well clear of the registered ports most often in use on a developer's machine (8080, 9090...). */
    private static final int LOWEST = 10000;
    private static final int ATTEMPTS = 100;

    private FreePort() {
    }

    /** A loopback port below the ephemeral range that nothing listens on now. */
    public static int belowEphemeralRange() {
        return pick(LOWEST, ephemeralStart());
    }

    /** A port in [{@code lowest}, {@code end}) that nothing listens on now, tried at random. */
    static int pick(int lowest, int end) {
        if (end <= lowest) {
            throw new IllegalStateException("no ports in [" + lowest + ", " + end + "): the ephemeral port range ("
                    + EPHEMERAL_RANGE + ") starts too low");
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(lowest, end);
            if (free(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free loopback port among " + ATTEMPTS + " tried in [" + lowest + ", "
                + end + ")");
    }

    static int ephemeralStart() {
        if (!Files.isReadable(EPHEMERAL_RANGE)) {
            return DEFAULT_EPHEMERAL_START;
        }
        try {
            // By lines: on JDK 17, Files.readString and readAllBytes return "3" of this procfs file's "32768\t60999".
            return Integer.parseInt(Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+")[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // Stricter than the server binding it later: a port any socket still holds, even in TIME_WAIT, is taken.
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
