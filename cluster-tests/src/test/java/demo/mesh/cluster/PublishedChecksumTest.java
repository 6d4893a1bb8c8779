package demo.mesh.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The check every download of the Istio release passes before the k3s tests use it; runs in every build. */
class PublishedChecksumTest {

    /** SHA-256 of the five bytes "istio" and of "tampered" (sha256sum). */
    private static final String ISTIO_SHA256 = "82d979a24d74d74fe91dbe2c0cae2f4d0cd9129a99ff7936d9bf12c8a3e2f9c4";
    private static final String TAMPERED_SHA256 = "d121be3103007b41edf96f8262925f8c7d61894afe9a041843b631f69445bc57";

    @Test
    void aDownloadMatchingTheReleasesSha256FilePasses(@TempDir Path dir) throws IOException {
        Path archive = Files.writeString(dir.resolve("istio-1.27.1-linux-amd64.tar.gz"), "istio");
        String published = ISTIO_SHA256 + "  istio-1.27.1-linux-amd64.tar.gz\n";

        PublishedChecksum.parse("istio-1.27.1-linux-amd64.tar.gz.sha256", published).verify(archive);
    }

    @Test
    void aDownloadThatDiffersIsRefusedNamingBothValues(@TempDir Path dir) throws IOException {
        Path archive = Files.writeString(dir.resolve("istio.tar.gz"), "tampered");
        PublishedChecksum checksum = PublishedChecksum.parse("istio.tar.gz.sha256", ISTIO_SHA256.toUpperCase() + "  istio.tar.gz");

        assertThatThrownBy(() -> checksum.verify(archive))
                .hasMessageContaining("checksum mismatch for istio.tar.gz")
                .hasMessageContaining("publishes " + ISTIO_SHA256)
                .hasMessageContaining("the download has " + TAMPERED_SHA256);
    }

    @Test
    void aChecksumFileWithoutAChecksumIsRefused() {
        assertThatThrownBy(() -> PublishedChecksum.parse("istio.tar.gz.sha256", "<html><body>Not Found</body></html>"))
                .hasMessage("istio.tar.gz.sha256 holds no SHA-256 (it starts with '<html><body>Not Found</body></html>')");
    }
}
