package demo.mesh.testsupport;

import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * One packaged app ({@code <module>/target/<module>-<version>.jar}) running as a real process on 127.0.0.1, in the
 * project root, with its output appended to {@code target/process-logs/<name>.log} of the module whose tests run it.
 * Its HTTP and gRPC servers bind a port of their own choosing (HTTP -1, gRPC 0); the ports are read from the start-up
 * line, which names the ports bound ({@code HTTP port N}, {@code gRPC port N}, {@code xDS port N}). A port picked
 * here, released and bound later by the app could be taken by anything else on the machine in between.
 */
public final class AppProcess implements AutoCloseable {
    /** Several JVMs may start at once on a small, busy machine; alone, each one is ready in 2-4 s. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String LOOPBACK = "127.0.0.1";
    /** Every app's start-up line names its HTTP port and its others; it is written once all its servers listen. */
    private static final Pattern HTTP_PORT = Pattern.compile("\\bHTTP port (\\d+)");
    private static final Pattern GRPC_PORT = Pattern.compile("\\bgRPC port (\\d+)");
    private static final Pattern XDS_PORT = Pattern.compile("\\bxDS port (\\d+)");
    private static final int LOG_TAIL_LINES = 30;

    private final String name;
    private final Process process;
    private final Path log;
    /** Where this run's output starts in {@link #log}: the file keeps the runs before. */
    private final long logStart;
    private volatile String startupLine;

    private AppProcess(String name, Process process, Path log, long logStart) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.logStart = logStart;
    }

    /**
     * Starts {@code module}'s jar with the given Micronaut properties (passed as system properties), on 127.0.0.1
     * and ports the app picks, and waits until it reports them and {@code /health/readiness} answers 200.
     */
    public static AppProcess start(String name, String module, Map<String, String> properties) throws IOException {
        return start(name, module, properties, Map.of());
    }

    /**
     * As {@link #start(String, String, Map)}, with environment variables, e.g. the ones a Deployment sets from its
     * ConfigMap. A property given here wins over the loopback and random-port defaults (e.g. a port a restarted app
     * must bind again). The process is stopped again if it does not become ready.
     */
    public static AppProcess start(String name, String module, Map<String, String> properties,
                                   Map<String, String> environment) throws IOException {
        Path jar = ProjectBuild.jar(module);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the tests through Maven with -am (./mvnw -pl "
                    + Path.of("").toAbsolutePath().getFileName() + " -am verify), which packages every app first");
        }
        requireNewerThanItsSources(jar, module);
        Map<String, String> all = new LinkedHashMap<>(Map.of(
                "micronaut.server.host", LOOPBACK,
                "micronaut.server.port", "-1",
                "grpc.server.host", LOOPBACK,
                "grpc.server.port", "0"));
        all.putAll(properties);
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-XX:TieredStopAtLevel=1"));
        command.addAll(classDataOptions(jar));
        all.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));

        Path log = Path.of("target", "process-logs", name + ".log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        ProcessBuilder builder = new ProcessBuilder(command).directory(ProjectBuild.root().toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // Outside a pod: without this, Micronaut and fabric8 would take a surrounding cluster (a CI pod's) for theirs.
        builder.environment().keySet().removeAll(List.of("KUBERNETES_SERVICE_HOST", "KUBERNETES_SERVICE_PORT"));
        builder.environment().putAll(environment);
        AppProcess app = new AppProcess(name, builder.start(), log, logStart);
        try {
            app.awaitReady();
        } catch (RuntimeException e) {
            app.process.destroyForcibly();
            throw e;
        }
        return app;
    }

    /**
     * Maps the class-data archive that run-local.sh leaves beside the jar (scripts/cds.sh) when there is one newer than
     * the jar, as the script itself does: the app then starts in about half the time (BENCHMARKS.md), running the same
     * code. The JVM checks the archive against the jar and this JDK, and starts without it if either differs. No
     * archive is made here: writing one takes seconds at exit, which would count in what a test measures of a stop.
     */
    private static List<String> classDataOptions(Path jar) throws IOException {
        Path archive = jar.resolveSibling(jar.getFileName().toString().replaceFirst("\\.jar$", ".jsa"));
        boolean fresh = Files.isRegularFile(archive)
                && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) > 0;
        return fresh ? List.of("-XX:SharedArchiveFile=" + archive) : List.of();
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

    /** The HTTP port it reported at start-up. */
    public int httpPort() {
        return reported(HTTP_PORT, "HTTP");
    }

    /** The gRPC port it reported at start-up (a logic app's). */
    public int grpcPort() {
        return reported(GRPC_PORT, "gRPC");
    }

    /** The xDS port it reported at start-up (a console's in local mode). */
    public int xdsPort() {
        return reported(XDS_PORT, "xDS");
    }

    /** Where its HTTP port answers: {@code http://127.0.0.1:<port>}. */
    public URI uri() {
        return uri("");
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://" + LOOPBACK + ":" + httpPort() + pathAndQuery);
    }

    public HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Everything in its log file, runs before this one included. */
    public String log() throws IOException {
        return Files.readString(log);
    }

    private int reported(Pattern port, String what) {
        Matcher matcher = port.matcher(startupLine);
        if (!matcher.find()) {
            throw new IllegalStateException(name + " reported no " + what + " port; its start-up line: " + startupLine);
        }
        return Integer.parseInt(matcher.group(1));
    }

    /** Waits, within {@link #READY_TIMEOUT} in all, for the start-up line with the ports, then for readiness. */
    private void awaitReady() {
        try {
            await(name + " reporting its ports and ready").atMost(READY_TIMEOUT)
                    .pollInterval(Duration.ofMillis(100))
                    .failFast(name + " exited early", () -> !process.isAlive())
                    .ignoreExceptions()
                    .until(this::reportedAndReady);
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            String reported = startupLine == null ? "no start-up line with its HTTP port yet"
                    : "start-up line: " + startupLine;
            throw new IllegalStateException(e.getMessage() + " (" + reported + "); last lines of " + log + ":\n"
                    + logTail(), e);
        }
    }

    private boolean reportedAndReady() throws IOException, InterruptedException {
        if (startupLine == null) {
            startupLine = findStartupLine();
        }
        return startupLine != null && get("/health/readiness").statusCode() == 200;
    }

    private String findStartupLine() throws IOException {
        return thisRunsLines().stream().filter(line -> HTTP_PORT.matcher(line).find()).findFirst().orElse(null);
    }

    /** The lines this run wrote so far, but one it is still writing: a port number may be cut short there. */
    private List<String> thisRunsLines() throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(log)) {
            channel.position(logStart);
            String text = new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
            return text.substring(0, text.lastIndexOf('\n') + 1).lines().toList();
        }
    }

    private String logTail() {
        try {
            List<String> lines = thisRunsLines();
            return String.join("\n", lines.subList(Math.max(lines.size() - LOG_TAIL_LINES, 0), lines.size()));
        } catch (IOException e) {
            return "(cannot read it: " + e + ")";
        }
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
