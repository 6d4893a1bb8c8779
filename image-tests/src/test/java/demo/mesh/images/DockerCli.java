package demo.mesh.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code docker} command, run the way a person would run it. The CLI negotiates the API version with whichever
 * engine it finds, old or new, which a Java Docker client pinned to one API version does not.
 */
final class DockerCli {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(1);

    private DockerCli() {
    }

    /** Runs {@code docker args...} and returns its standard output, trimmed; fails with its error output. */
    static String docker(String... args) {
        return docker(DEFAULT_TIMEOUT, args);
    }

    static String docker(Duration timeout, String... args) {
        return run(timeout, false, args);
    }

    /** Like {@link #docker(String...)}, with the command's error output after its standard output. */
    static String dockerWithErrorOutput(String... args) {
        return run(DEFAULT_TIMEOUT, true, args);
    }

    private static String run(Duration timeout, boolean withErrorOutput, String... args) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        try {
            // Outputs go to files, so a silent or chatty command can neither block us nor outlast its timeout.
            Path stdout = Files.createTempFile("docker-", ".out");
            Path stderr = Files.createTempFile("docker-", ".err");
            try {
                Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                        .redirectError(stderr.toFile()).start();
                process.getOutputStream().close();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " took longer than " + timeout);
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue()
                            + "): " + Files.readString(stderr).strip());
                }
                String output = Files.readString(stdout);
                return (withErrorOutput ? output + Files.readString(stderr) : output).strip();
            } finally {
                Files.deleteIfExists(stdout);
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }
}
