package demo.mesh.cluster;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * Files of the pinned Istio release, fetched from the release itself the first time and kept under
 * {@code ~/.cache/mesh-demo/istio-<version>}, so later runs need no network for them.
 */
final class IstioRelease {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    /** Where the base chart has kept the CRDs: files/ in current releases, crds/ in some others. */
    private static final List<String> CRD_PATHS = List.of(
            "manifests/charts/base/files/crd-all.gen.yaml", "manifests/charts/base/crds/crd-all.gen.yaml");

    private final String version;
    private final Path cache;

    IstioRelease(String version) {
        this.version = version;
        this.cache = Path.of(System.getProperty("user.home"), ".cache", "mesh-demo", "istio-" + version);
    }

    /** Every CustomResourceDefinition of the release (networking, security, telemetry, extensions), as YAML. */
    String crds() {
        Path file = cache.resolve("crd-all.gen.yaml");
        if (!Files.isRegularFile(file)) {
            IllegalStateException notFound = new IllegalStateException("no CRD file in Istio " + version);
            for (String path : CRD_PATHS) {
                try {
                    download(URI.create("https://raw.githubusercontent.com/istio/istio/" + version + "/" + path), file);
                    break;
                } catch (IllegalStateException e) {
                    notFound.addSuppressed(e);
                }
            }
            if (!Files.isRegularFile(file)) {
                throw notFound;
            }
        }
        return read(file);
    }

    /** istioctl for Linux on {@code arch} (amd64 or arm64): the one that runs inside the k3s container. */
    Path istioctl(String arch) {
        Path binary = cache.resolve("linux-" + arch).resolve("istioctl");
        if (!Files.isRegularFile(binary)) {
            String archive = "istioctl-" + version + "-linux-" + arch + ".tar.gz";
            Path download = cache.resolve(archive);
            download(URI.create("https://github.com/istio/istio/releases/download/" + version + "/" + archive), download);
            extract(download, "istioctl", binary);
        }
        return binary;
    }

    String version() {
        return version;
    }

    private static void download(URI uri, Path file) {
        try {
            Files.createDirectories(file.getParent());
            Path partial = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".part");
            HttpResponse<Path> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(DOWNLOAD_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofFile(partial));
            if (response.statusCode() != 200) {
                Files.deleteIfExists(partial);
                throw new IllegalStateException("GET " + uri + " answered " + response.statusCode());
            }
            // Whole or not at all: an interrupted download must not be mistaken for the file next time.
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("could not download " + uri + ": " + e.getMessage()
                    + " (without network, put the file at " + file + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while downloading " + uri, e);
        }
    }

    private static void extract(Path tarGz, String entryName, Path target) {
        try (InputStream in = Files.newInputStream(tarGz);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.getName().equals(entryName)) {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                    return;
                }
            }
            throw new IllegalStateException(tarGz + " holds no " + entryName);
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack " + tarGz, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
