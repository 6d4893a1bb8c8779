package demo.mesh.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP port with no protocol behind it, for clients facing a server that is not really there: one that
 * accepts connections and never answers ({@link #silent()}, a hung server), or one that resets each connection as it
 * comes ({@link #resetting(int)}, a port whose server is not up yet). It counts the connections it accepted.
 */
public final class BareTcpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final boolean reset;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private volatile int accepted;

    private BareTcpServer(int port, boolean reset) {
        this.reset = reset;
        try {
            socket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on loopback port " + port, e);
        }
        Thread acceptor = new Thread(this::acceptUntilClosed, "bare-tcp-server-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Accepts every connection on a port of its own, reads nothing and answers nothing until closed. */
    public static BareTcpServer silent() {
        return new BareTcpServer(0, false);
    }

    /**
     * Accepts every connection on {@code port} and resets it at once. A reset leaves no TIME_WAIT on this side, so
     * once this is closed a real server can bind the port straight away.
     */
    public static BareTcpServer resetting(int port) {
        return new BareTcpServer(port, true);
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** The connections accepted so far. */
    public int connections() {
        return accepted;
    }

    private void acceptUntilClosed() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                if (reset) {
                    connection.setSoLinger(true, 0);
                    connection.close();
                } else {
                    held.add(connection);
                }
                accepted++;
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** Stops listening and closes the connections it holds. */
    @Override
    public void close() {
        try {
            socket.close();
            for (Socket connection : held) {
                connection.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
