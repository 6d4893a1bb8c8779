package demo.mesh.xds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import demo.mesh.logic.api.LogicProto;

import demo.mesh.testsupport.Ci;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;


/**
 * A gRPC C-core client (Debian's python3-grpcio) of {@code xds:///logic-app} as a process: {@code
 * src/test/python/xds_logic_client.py}, with its own xDS bootstrap, one channel for its whole life, and calls made
 * when the test asks. Stderr goes to a file under {@code target/}, with C-core's reasons for any NACK in it.
 */
final class PythonXdsClient implements AutoCloseable {

    /** Debian's interpreter, the one python3-grpcio installs into (a python3 earlier on PATH may lack it). */
    static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SCRIPT = Path.of("src/test/python/xds_logic_client.py");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Optional<String> missingGrpcio;

    private final Process process;
    private final Writer commands;
    private final BufferedReader answers;
    /** Reads answers, so that waiting for one can time out; a daemon, so that a test that forgets to close cannot hang the JVM. */
    private final ExecutorService reader = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "python-xds-client-reader");
        thread.setDaemon(true);
        return thread;
    });
    private final Path log;
    private final String grpcVersion;

    private PythonXdsClient(Process process, Path log, Duration startTimeout) {
        this.process = process;
        this.log = log;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.grpcVersion = next(startTimeout).path("grpc").asText();
    }

    /**
     * Skips the test when python3-grpcio is missing, with the package to install; in CI (CI=true) fails it instead,
     * so the suite cannot pass there by not running the C-core client. Called per test, so that each says why.
     */
    static void requireGrpcio() {
        missingGrpcio().ifPresent(missing ->
                Ci.skipOrFailInCi(missing + " (apt-get install -y python3-grpcio python3-protobuf)"));
    }

    /** Why the C-core client cannot run here, or empty when it can; checked once per JVM. */
    static synchronized Optional<String> missingGrpcio() {
        if (missingGrpcio == null) {
            missingGrpcio = Optional.ofNullable(checkGrpcio());
        }
        return missingGrpcio;
    }

    private static String checkGrpcio() {
        try {
            Process check = new ProcessBuilder(PYTHON.toString(), "-c", "import grpc, google.protobuf")
                    .redirectErrorStream(true).start();
            if (!check.waitFor(30, TimeUnit.SECONDS)) {
                check.destroyForcibly();
                return PYTHON + " did not import grpc within 30 s";
            }
            // The traceback's last line says what is missing: "ModuleNotFoundError: No module named 'grpc'".
            String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return check.exitValue() == 0 ? null
                    : PYTHON + " cannot import grpc: " + output.substring(output.lastIndexOf('\n') + 1);
        } catch (IOException e) {
            return PYTHON + " cannot run: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while checking " + PYTHON;
        }
    }

    /** Starts the client against the xDS server on {@code xdsPort}; it names itself {@code nodeId} there. */
    static PythonXdsClient start(int xdsPort, String nodeId) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "python-xds-client"));
        Path bootstrap = XdsBootstrap.local(xdsPort, nodeId).writeTo(dir.resolve(nodeId + "-bootstrap.json"));
        Path descriptor = Files.write(dir.resolve("logic.proto.pb"), LogicProto.getDescriptor().toProto().toByteArray());
        Path log = dir.resolve(nodeId + ".log");
        ProcessBuilder builder = new ProcessBuilder(PYTHON.toString(), SCRIPT.toString(), descriptor.toString())
                .redirectError(log.toFile());
        builder.environment().put("GRPC_XDS_BOOTSTRAP", bootstrap.toAbsolutePath().toString());
        // Debug output says why C-core rejects a resource; it goes to the log file only.
        builder.environment().put("GRPC_VERBOSITY", "debug");
        builder.environment().put("GRPC_TRACE", "xds_client");
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        return new PythonXdsClient(builder.start(), log, Duration.ofSeconds(30));
    }

    /** The grpcio version the client reported, e.g. 1.51.1. */
    String grpcVersion() {
        return grpcVersion;
    }

    /** Makes {@code count} calls one after the other; returns how many each version answered, failures by status. */
    Calls call(int count, Duration timeout) {
        return send("call " + count, timeout);
    }

    /** The same, with {@code header: value} on every call. */
    Calls call(int count, String header, String value, Duration timeout) {
        return send("call " + count + " " + header + "=" + value, timeout);
    }

    private Calls send(String command, Duration timeout) {
        try {
            commands.write(command + "\n");
            commands.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the Python client stopped taking commands; see " + log.toAbsolutePath(), e);
        }
        JsonNode answer = next(timeout);
        return new Calls(counts(answer.path("versions")), counts(answer.path("errors")));
    }

    private JsonNode next(Duration timeout) {
        Future<String> line = reader.submit(answers::readLine);
        try {
            String text = line.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (text == null) {
                throw new IllegalStateException("the Python client exited; see " + log.toAbsolutePath());
            }
            return JSON.readTree(text);
        } catch (TimeoutException e) {
            // The calls are bounded in time as well as in count: a client that hangs ends here.
            process.destroyForcibly();
            throw new IllegalStateException("no answer from the Python client within " + timeout + "; see " + log.toAbsolutePath(), e);
        } catch (ExecutionException | IOException e) {
            throw new IllegalStateException("cannot read the Python client's answer; see " + log.toAbsolutePath(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Map<String, Integer> counts(JsonNode object) {
        Map<String, Integer> counts = new TreeMap<>();
        object.fields().forEachRemaining(field -> counts.put(field.getKey(), field.getValue().asInt()));
        return counts;
    }

    @Override
    public void close() throws InterruptedException {
        try {
            commands.close();
        } catch (IOException e) {
            // Already gone: nothing left to stop.
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        reader.shutdownNow();
    }

    /**
     * @param versions answering version → calls
     * @param errors   gRPC status name → failed calls
     */
    record Calls(Map<String, Integer> versions, Map<String, Integer> errors) {

        int total() {
            return versions.values().stream().mapToInt(Integer::intValue).sum()
                    + errors.values().stream().mapToInt(Integer::intValue).sum();
        }
    }
}
