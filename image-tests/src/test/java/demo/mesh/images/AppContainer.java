package demo.mesh.images;

import static demo.mesh.images.DockerCli.docker;
import static demo.mesh.images.DockerCli.dockerWithErrorOutput;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * One app image running in Docker under the restrictions of its pod: the image's own user, a read-only root
 * filesystem with a tmpfs at /tmp, no capabilities, no privilege escalation and the pod's memory limit.
 */
final class AppContainer implements AutoCloseable {
    private static final int HTTP_PORT = 8080;
    private static final int GRPC_PORT = 9090;
    /** Four JVMs start at once on a small machine; alone, each one is ready in 2-4 s. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    /** host:port on the loopback interface where the container's HTTP port is published. */
    private final String httpAddress;
    /** Why the app did not become ready, once that is known: later callers learn it without waiting again. */
    private AssertionError notReady;

    private AppContainer(String name) {
        this.name = name;
        this.httpAddress = published(name, HTTP_PORT);
    }

    /** Starts {@code app} on {@code network}, reachable there by its module name and by {@code aliases}. */
    static AppContainer start(AppImage app, String network, String runId, List<String> aliases) {
        String name = app.module + "-" + runId;
        List<String> args = new ArrayList<>(List.of("run", "--detach", "--name", name,
                "--network", network, "--network-alias", app.module,
                "--read-only", "--tmpfs", "/tmp",
                "--cap-drop", "ALL", "--security-opt", "no-new-privileges",
                "--memory", "384m",
                // In a pod Micronaut deduces this environment from KUBERNETES_SERVICE_HOST; it sets the ports.
                "--env", "MICRONAUT_ENVIRONMENTS=k8s",
                "--publish", "127.0.0.1::" + HTTP_PORT));
        aliases.forEach(alias -> args.addAll(List.of("--network-alias", alias)));
        app.environment.forEach((key, value) -> args.addAll(List.of("--env", key + "=" + value)));
        if (app.servesGrpc) {
            args.addAll(List.of("--publish", "127.0.0.1::" + GRPC_PORT));
        }
        args.add(app.imageName());
        docker(args.toArray(String[]::new));
        try {
            return new AppContainer(name);
        } catch (RuntimeException e) {
            docker("rm", "--force", name);
            throw e;
        }
    }

    /** Waits until {@code /health/readiness} answers 200, as the Deployment's readiness probe does. */
    void awaitReady() {
        if (notReady != null) {
            throw notReady;
        }
        try {
            await(name + " ready").atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(250))
                    .failFast(name + " stopped", () -> !running())
                    .ignoreExceptions()
                    .until(() -> get("/health/readiness").statusCode() == 200);
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            notReady = new AssertionError(e.getMessage() + "\nIts start-up line: " + startupLine()
                    + "\nThe end of its log:\n" + logTail(), e);
            throw notReady;
        }
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        URI uri = URI.create("http://" + httpAddress + pathAndQuery);
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The published gRPC port on the loopback interface. */
    int grpcPort() {
        String address = published(name, GRPC_PORT);
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    /** The user ids of the container's process 1, the JVM, as the kernel lists them: real, effective, saved, fs. */
    String processUids() {
        return docker("exec", name, "cat", "/proc/1/status").lines()
                .filter(line -> line.startsWith("Uid:"))
                .findFirst().orElseThrow().substring("Uid:".length()).strip();
    }

    /** Micronaut's "Startup completed ... Server Running: http://host:port", which tells the port it took. */
    private String startupLine() {
        return log().lines().filter(line -> line.contains("Startup completed")).findFirst()
                .orElse("(none: the app never finished starting)");
    }

    private String logTail() {
        return log("--tail", "40");
    }

    private String log(String... options) {
        List<String> args = new ArrayList<>(List.of("logs"));
        args.addAll(List.of(options));
        args.add(name);
        try {
            // The app logs to the container's stdout and stderr; docker logs replays each on its own.
            return dockerWithErrorOutput(args.toArray(String[]::new));
        } catch (RuntimeException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private boolean running() {
        return Boolean.parseBoolean(docker("inspect", "--format", "{{.State.Running}}", name));
    }

    /** host:port where {@code containerPort} is published, e.g. 127.0.0.1:49153. */
    private static String published(String name, int containerPort) {
        return docker("port", name, containerPort + "/tcp").lines().findFirst().orElseThrow();
    }

    @Override
    public void close() {
        docker("rm", "--force", "--volumes", name);
    }

    @Override
    public String toString() {
        return name;
    }
}
