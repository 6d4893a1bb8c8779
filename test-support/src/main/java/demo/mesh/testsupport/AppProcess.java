package demo.mesh.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * One packaged app ({@code <module>/target/<module>-<version>.jar}) running as a real process on loopback, in the
 * project root, with its output appended to {@code target/process-logs/<name>.log} of the module whose tests run it.
 */
public final class AppProcess implements AutoCloseable {
    /** Several JVMs may start at once on a small, busy machine; alone, each one is ready in 2-4 s. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final int httpPort;
    private final Path log;

    private AppProcess(String name, Process process, int httpPort, Path log) {
        this.name = name;
        this.process = process;
        this.httpPort = httpPort;
        this.log = log;
    }

    /**
     * Starts {@code module}'s jar with the given Micronaut properties (passed as system properties) and an HTTP port
     * of its own, and waits until {@code /health/readiness} answers 200.
     */
    public static AppProcess start(String name, String module, int httpPort, Map<String, String> properties)
            throws IOException {
        return start(name, module, httpPort, properties, Map.of());
    }

    /**
     * As {@link #start(String, String, int, Map)}, with environment variables, e.g. the ones a Deployment sets from
     * its ConfigMap. The process is stopped again if it does not become ready.
     */
    public static AppProcess start(String name, String module, int httpPort, Map<String, String> properties,
                                   Map<String, String> environment) throws IOException {
        Path jar = ProjectBuild.jar(module);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the tests through Maven with -am (./mvnw -pl "
                    + Path.of("").toAbsolutePath().getFileName() + " -am verify), which packages every app first");
        }
        requireNewerThanItsSources(jar, module);
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-XX:TieredStopAtLevel=1"));
        command.add("-Dmicronaut.server.port=" + httpPort);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));

        Path log = Path.of("target", "process-logs", name + ".log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).directory(ProjectBuild.root().toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // Outside a pod: without this, Micronaut and fabric8 would take a surrounding cluster (a CI pod's) for theirs.
        builder.environment().keySet().removeAll(List.of("KUBERNETES_SERVICE_HOST", "KUBERNETES_SERVICE_PORT"));
        builder.environment().putAll(environment);
        AppProcess app = new AppProcess(name, builder.start(), httpPort, log);
        try {
            app.awaitReady();
        } catch (RuntimeException e) {
            app.process.destroyForcibly();
            throw e;
        }
        return app;
    }

    /**
     * A jar older than a file of its module's {@code src/main} would test code that is no longer there (e.g. after
     * {@code ./mvnw test -pl system-tests} alone): refuse it, naming the newer file. Only the module's own sources are
     * compared; a change in a module it depends on is caught by building through Maven, as the message says.
     */
    private static void requireNewerThanItsSources(Path jar, String module) throws IOException {
        FileTime built = Files.getLastModifiedTime(jar);
        Path root = ProjectBuild.root();
        try (Stream<Path> sources = Files.walk(root.resolve(module).resolve("src/main"))) {
            Optional<Path> newer = sources.filter(Files::isRegularFile)
                    .filter(source -> lastModified(source).compareTo(built) > 0).findFirst();
            if (newer.isPresent()) {
                throw new IllegalStateException(jar + " is older than " + root.relativize(newer.get())
                        + ": rebuild it with ./mvnw verify (or ./mvnw package -pl " + module + " -am)");
            }
        }
    }

    private static FileTime lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What {@code java -cp <module's jar> mainClass args...} prints, as the scripts run the apps' command-line tools
     * (e.g. mesh-xds's XdsBootstrap from the console's jar); fails with its output unless it exits 0 within 30 s.
     */
    public static String runMain(String module, String mainClass, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-cp", ProjectBuild.jar(module).toString(),
                mainClass));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Where its HTTP port answers: {@code http://localhost:<port>}. */
    public URI uri() {
        return uri("");
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://localhost:" + httpPort + pathAndQuery);
    }

    public HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    private void awaitReady() {
        await(name + " ready on port " + httpPort).atMost(READY_TIMEOUT)
                .pollInterval(Duration.ofMillis(100))
                .failFast(name + " exited early, see " + log, () -> !process.isAlive())
                .ignoreExceptions()
                .until(() -> get("/health/readiness").statusCode() == 200);
    }

    /** SIGTERM, as Kubernetes sends to a pod it replaces, without waiting: see {@link #awaitExit(Duration)}. */
    public void terminate() {
        process.destroy();
    }

    /** SIGKILL, as a crash or the OOM killer ends a pod: no shutdown hook runs. Returns once the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " still runs 10 s after SIGKILL");
        }
    }

    /** The exit code once the process has exited by itself, or empty if it still runs after {@code timeout}. */
    public OptionalInt awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                ? OptionalInt.of(process.exitValue()) : OptionalInt.empty();
    }

    /** SIGTERM, as Kubernetes sends, then a hard kill if the app has not stopped in time. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
