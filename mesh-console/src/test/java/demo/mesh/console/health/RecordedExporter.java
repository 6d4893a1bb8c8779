package demo.mesh.console.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for an app's metrics endpoint on a loopback port, replaying a recorded fixture under
 * {@code src/test/resources/metrics/}: each sample value there is how much the series grows per second, and the
 * exporter serves the counters grown at those rates since it started, in the fixture's own text (names, labels,
 * comments). Rates over any window are then exactly the fixture's, whoever reads them: a real Prometheus or the
 * console's embedded source. {@link #play} switches to another recording with the same series, counters going on.
 */
public final class RecordedExporter implements AutoCloseable {

    public static final String PATH = "/prometheus";

    private final HttpServer server;
    private List<String> lines;
    private Map<String, Double> rates;
    private final Map<String, Double> totals = new HashMap<>();
    private long lastNanos = System.nanoTime();

    public RecordedExporter(String fixture) {
        play(fixture);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(PATH, this::serve);
        server.start();
    }

    /** From now on, grow every series at the rates of {@code fixture}, which must hold the same series. */
    public synchronized void play(String fixture) {
        advance();
        List<String> newLines = read(fixture).lines().toList();
        Map<String, Double> newRates = new HashMap<>();
        for (String line : newLines) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int space = line.lastIndexOf(' ');
                newRates.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        if (rates != null && !rates.keySet().equals(newRates.keySet())) {
            throw new IllegalArgumentException(fixture + " does not hold the same series as the recording playing");
        }
        lines = newLines;
        rates = newRates;
    }

    /** The URL to scrape, e.g. for {@code mesh-console.metrics.scrape-targets}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private synchronized String render() {
        advance();
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                out.add(line);
            } else {
                String series = line.substring(0, line.lastIndexOf(' '));
                out.add(series + " " + totals.getOrDefault(series, 0.0));
            }
        }
        return String.join("\n", out) + "\n";
    }

    private void advance() {
        long now = System.nanoTime();
        double seconds = (now - lastNanos) / 1e9;
        lastNanos = now;
        if (rates != null) {
            rates.forEach((series, rate) -> totals.merge(series, rate * seconds, Double::sum));
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = render().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String read(String fixture) {
        try (InputStream in = RecordedExporter.class.getClassLoader().getResourceAsStream("metrics/" + fixture)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource metrics/" + fixture);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
