package demo.mesh.testsupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Tests that need Docker must skip (or fail in CI) within seconds, saying why, wherever no engine answers. These need
 * no Docker: engines that are absent or that accept a connection and never answer.
 */
class DockerProbeTest {
    /** The 2 s ping timeout, plus room for a busy machine. */
    private static final Duration QUICKLY = Duration.ofSeconds(6);

    @TempDir
    Path home;

    @Test
    void aSocketThatAcceptsButNeverAnswersIsReportedQuickly() throws Exception {
        Path socket = home.resolve("silent.sock");
        // Bound and listening, never read: connections succeed and requests go unanswered, like a hung engine.
        try (ServerSocketChannel silent = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            silent.bind(UnixDomainSocketAddress.of(socket));

            Optional<String> reason = assertTimeoutPreemptively(QUICKLY,
                    () -> DockerProbe.unreachable(URI.create("unix://" + socket)));

            assertThat(reason).hasValueSatisfying(r -> assertThat(r).contains("unix://" + socket));
        }
    }

    @Test
    void aTcpEngineThatNeverAnswersIsReportedQuickly() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            URI host = URI.create("tcp://127.0.0.1:" + silent.getLocalPort());

            Optional<String> reason = assertTimeoutPreemptively(QUICKLY, () -> DockerProbe.unreachable(host));

            assertThat(reason).hasValueSatisfying(r -> assertThat(r).contains(host.toString()));
        }
    }
}
