package demo.mesh.manifests;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Renders a kustomization with {@code kubectl kustomize}, exactly as {@code kubectl apply -k} would see it. */
public final class Kustomize {

    /** Env var naming the kubectl binary, when it is not on the PATH. */
    public static final String KUBECTL_ENV = "KUBECTL";

    private final String kubectl;
    private final Duration timeout;

    public Kustomize(String kubectl, Duration timeout) {
        this.kubectl = kubectl;
        this.timeout = timeout;
    }

    /** kubectl from {@value #KUBECTL_ENV} or the PATH, with a minute to render. */
    public static Kustomize fromEnvironment() {
        String kubectl = System.getenv(KUBECTL_ENV);
        return new Kustomize(kubectl == null || kubectl.isBlank() ? "kubectl" : kubectl, Duration.ofMinutes(1));
    }

    /** The rendered YAML of the kustomization in {@code dir}. */
    public String render(Path dir) {
        Process process = start(dir);
        CompletableFuture<String> stdout = readAsync(process.getInputStream());
        CompletableFuture<String> stderr = readAsync(process.getErrorStream());
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("kubectl kustomize " + dir + " did not finish within " + timeout);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + dir + " failed (exit " + process.exitValue()
                        + "): " + stderr.join().strip());
            }
            return stdout.join();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rendering " + dir, e);
        }
    }

    private Process start(Path dir) {
        try {
            return new ProcessBuilder(kubectl, "kustomize", dir.toString()).start();
        } catch (IOException e) {
            throw new IllegalStateException("kubectl not found (tried '" + kubectl + "'): the manifest tests render "
                    + dir + " with 'kubectl kustomize'. Install kubectl 1.32 or newer, or set " + KUBECTL_ENV
                    + " to its path.", e);
        }
    }

    private static CompletableFuture<String> readAsync(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
