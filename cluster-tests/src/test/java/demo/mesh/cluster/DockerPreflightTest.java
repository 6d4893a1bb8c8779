package demo.mesh.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The cluster tests must skip within seconds, saying why, wherever Docker cannot run k3s. This runs in every build
 * (it needs no Docker); engines that accept a connection and never answer are test-support's DockerProbeTest.
 */
class DockerPreflightTest {
    /** The 2 s ping timeout, plus room for a busy machine. */
    private static final Duration QUICKLY = Duration.ofSeconds(6);
    private static final String K3S_IMAGE = "rancher/k3s:v1.32.5-k3s1";

    @TempDir
    Path home;

    @Test
    void aDockerHostWithNoEngineIsReportedQuicklyByName() {
        Map<String, String> env = Map.of("DOCKER_HOST", "unix://" + home.resolve("docker.sock"));

        Optional<String> reason = assertTimeoutPreemptively(QUICKLY,
                () -> DockerPreflight.whyK3sCannotRun(env, home, K3S_IMAGE));

        assertThat(reason).hasValueSatisfying(r -> assertThat(r)
                .startsWith("no Docker engine answers at unix://" + home.resolve("docker.sock")));
    }
}
