package demo.mesh.console;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A server on a loopback port that forwards every connection to another one and can die like a process: every
 * connection reset, new ones refused, until it {@linkplain #comeBack() comes back} on the same port.
 *
 * <p>{@link #dyingOn} makes it read HTTP/1.1 requests: it forwards each one until the first whose request line
 * matches, reads that one whole, forwards nothing of it, and dies. It answers a request to upgrade to HTTP/2 (h2c)
 * as an HTTP/1.1-only server does, by dropping the upgrade headers, so every request on a connection stays
 * readable; a connection upgraded to a WebSocket (a watch) is forwarded as it is from then on.
 */
public final class LoopbackProxy implements AutoCloseable {

    private final int backendPort;
    private final Predicate<String> dieOn;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<String> requestLines = new CopyOnWriteArrayList<>();
    private volatile ServerSocket listener;
    private volatile String diedOn;
    private final int port;

    private LoopbackProxy(int backendPort, Predicate<String> dieOn) {
        this.backendPort = backendPort;
        this.dieOn = dieOn;
        this.listener = listen(0);
        this.port = listener.getLocalPort();
        accept(listener);
    }

    /** Forwards bytes both ways, whatever they are, until {@link #die()}. */
    public static LoopbackProxy to(int backendPort) {
        return new LoopbackProxy(backendPort, null);
    }

    /**
     * Forwards HTTP/1.1 requests until the first whose request line ("PUT /path HTTP/1.1") matches, then dies; once
     * it has {@linkplain #comeBack() come back} it forwards every request.
     */
    public static LoopbackProxy dyingOn(int backendPort, Predicate<String> requestLine) {
        return new LoopbackProxy(backendPort, requestLine);
    }

    public int port() {
        return port;
    }

    /** The request line it died on, if it did ({@link #dyingOn} only). */
    public Optional<String> diedOn() {
        return Optional.ofNullable(diedOn);
    }

    /** Every request line forwarded so far ({@link #dyingOn} only), oldest first. */
    public List<String> requestLines() {
        return List.copyOf(requestLines);
    }

    /** Resets every connection and refuses new ones, as a killed process's port does. */
    public synchronized void die() {
        close();
    }

    /** Listens again on the same port and forwards everything: it dies on one request only. */
    public synchronized void comeBack() {
        listener = listen(port);
        accept(listener);
    }

    @Override
    public synchronized void close() {
        try {
            listener.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sockets.forEach(LoopbackProxy::reset);
        sockets.clear();
    }

    private static ServerSocket listen(int port) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
    }

    private void accept(ServerSocket on) {
        daemon("loopback-proxy-accept-" + port, () -> {
            while (!on.isClosed()) {
                try {
                    Socket client = on.accept();
                    Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort);
                    sockets.add(client);
                    sockets.add(backend);
                    daemon("loopback-proxy-in", () -> forwardRequests(client, backend));
                    daemon("loopback-proxy-out", () -> pump(backend, client));
                } catch (IOException e) {
                    return; // closed by die() or close()
                }
            }
        });
    }

    private void forwardRequests(Socket client, Socket backend) {
        if (dieOn == null) {
            pump(client, backend);
            return;
        }
        try (InputStream in = new BufferedInputStream(client.getInputStream()); OutputStream out = backend.getOutputStream()) {
            for (Optional<HttpRequestHead> head = HttpRequestHead.read(in); head.isPresent(); head = HttpRequestHead.read(in)) {
                byte[] body = head.get().readBody(in);
                if (diedOn == null && dieOn.test(head.get().requestLine())) {
                    diedOn = head.get().requestLine();
                    die();
                    return;
                }
                requestLines.add(head.get().requestLine());
                out.write(head.get().withoutH2cUpgrade());
                out.write(body);
                out.flush();
                if (head.get().header("upgrade").isPresent() && !head.get().upgradesToH2c()) {
                    in.transferTo(out); // a WebSocket (a watch): no more HTTP requests on this connection
                    return;
                }
            }
        } catch (IOException e) {
            // Either side hung up, or the proxy died.
        } finally {
            reset(backend);
        }
    }

    private static void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // Either side hung up, or the proxy died.
        } finally {
            reset(to);
        }
    }

    /** Closes with a TCP reset, not a clean end of stream: what the other side sees when a process dies. */
    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (SocketException e) {
            // Already closed.
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** The request line and headers of one HTTP/1.1 request, as received. */
    private record HttpRequestHead(String requestLine, List<String> headers) {

        /** Empty at the end of the stream, before a new request. */
        static Optional<HttpRequestHead> read(InputStream in) throws IOException {
            String requestLine = line(in);
            if (requestLine == null) {
                return Optional.empty();
            }
            List<String> headers = new CopyOnWriteArrayList<>();
            for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                headers.add(header);
            }
            return Optional.of(new HttpRequestHead(requestLine, headers));
        }

        /** The body by its Content-Length or its chunks, as received; nothing when the request has neither. */
        byte[] readBody(InputStream in) throws IOException {
            Optional<String> length = header("content-length");
            if (length.isPresent()) {
                return in.readNBytes(Integer.parseInt(length.get().trim()));
            }
            if (!header("transfer-encoding").map(t -> t.toLowerCase(Locale.ROOT).contains("chunked")).orElse(false)) {
                return new byte[0];
            }
            ByteArrayOutputStream chunks = new ByteArrayOutputStream();
            for (String size = line(in); size != null; size = line(in)) {
                chunks.writeBytes((size + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                int bytes = Integer.parseInt(size.split(";")[0].trim(), 16);
                chunks.writeBytes(in.readNBytes(bytes + 2)); // the chunk and its CRLF
                if (bytes == 0) {
                    break;
                }
            }
            return chunks.toByteArray();
        }

        boolean upgradesToH2c() {
            return header("upgrade").map(protocol -> protocol.equalsIgnoreCase("h2c")).orElse(false);
        }

        /** The head to forward: without a request to upgrade to h2c, so the answer stays HTTP/1.1. */
        byte[] withoutH2cUpgrade() {
            StringBuilder head = new StringBuilder(requestLine).append("\r\n");
            for (String header : headers) {
                String lower = header.toLowerCase(Locale.ROOT);
                boolean upgrade = lower.startsWith("upgrade:") || lower.startsWith("http2-settings:")
                        || lower.startsWith("connection:");
                if (!upgradesToH2c() || !upgrade) {
                    head.append(header).append("\r\n");
                }
            }
            return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        }

        Optional<String> header(String name) {
            return headers.stream()
                    .filter(h -> h.toLowerCase(Locale.ROOT).startsWith(name + ":"))
                    .map(h -> h.substring(name.length() + 1).trim())
                    .findFirst();
        }

        /** One CRLF-ended line without its CRLF; null at the end of the stream. */
        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != -1; b = in.read()) {
                if (b == '\n') {
                    String text = line.toString(StandardCharsets.ISO_8859_1);
                    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
                }
                line.write(b);
            }
            return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
