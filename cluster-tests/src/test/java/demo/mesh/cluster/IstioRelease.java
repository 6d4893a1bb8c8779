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
 * Files of the pinned Istio release, taken from the release archive for Linux ({@code istio-<version>-linux-<arch>.tar.gz},
 * the one {@code scripts/cluster-up.sh} unpacks on Linux), downloaded once, checked against the SHA-256 the release
 * publishes beside it, and kept under {@code ~/.cache/mesh-demo/istio-<version>}, so later runs need no network.
 */
final class IstioRelease {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(5);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    /** Where the base chart has kept the CRDs: files/ in current releases, crds/ in some others. */
    private static final List<String> CRD_PATHS = List.of(
            "manifests/charts/base/files/crd-all.gen.yaml", "manifests/charts/base/crds/crd-all.gen.yaml");
    private static final String PROMETHEUS_ADDON_PATH = "samples/addons/prometheus.yaml";

    private final String version;
    private final Path cache;

    IstioRelease(String version) {
        this.version = version;
        this.cache = Path.of(System.getProperty("user.home"), ".cache", "mesh-demo", "istio-" + version);
    }

    /**
     * Every CustomResourceDefinition of the release (networking, security, telemetry, extensions), as YAML, from the
     * archive for this JVM's architecture (the same files in every archive).
     */
    String crds() {
        return read(unpackedOnce("crd-all.gen.yaml", CRD_PATHS));
    }

    /**
     * Istio's Prometheus addon ({@code samples/addons/prometheus.yaml}: Deployment and Service {@code prometheus} in
     * istio-system, scraping every sidecar), the file {@code scripts/cluster-up.sh} applies.
     */
    Path prometheusAddon() {
        return unpackedOnce("prometheus.yaml", List.of(PROMETHEUS_ADDON_PATH));
    }

    /** istioctl for Linux on {@code arch} (amd64 or arm64): the one that runs inside the k3s container. */
    Path istioctl(String arch) {
        Path binary = cache.resolve("linux-" + arch).resolve("istioctl");
        if (!Files.isRegularFile(binary)) {
            Path archive = archive(arch);
            if (!extract(archive, "istio-" + version + "/bin/istioctl", binary)) {
                throw new IllegalStateException(archive.getFileName() + " holds no bin/istioctl");
            }
        }
        return binary;
    }

    String version() {
        return version;
    }

    /**
     * {@code name} in the cache, unpacked the first time from the first of {@code paths} that the archive for this
     * JVM's architecture holds.
     */
    private Path unpackedOnce(String name, List<String> paths) {
        Path file = cache.resolve(name);
        if (!Files.isRegularFile(file)) {
            Path archive = archive(hostArchitecture());
            for (String path : paths) {
                if (extract(archive, "istio-" + version + "/" + path, file)) {
                    return file;
                }
            }
            throw new IllegalStateException(archive.getFileName() + " holds nothing at " + paths);
        }
        return file;
    }

    /** The release archive for Linux on {@code arch}, verified against its published .sha256 before it is kept. */
    private Path archive(String arch) {
        String name = "istio-" + version + "-linux-" + arch + ".tar.gz";
        Path archive = cache.resolve(name);
        if (!Files.isRegularFile(archive)) {
            URI uri = URI.create("https://github.com/istio/istio/releases/download/" + version + "/" + name);
            Path checksum = cache.resolve(name + ".sha256");
            download(URI.create(uri + ".sha256"), checksum);
            Path partial = cache.resolve(name + ".part");
            download(uri, partial);
            try {
                PublishedChecksum.parse(uri + ".sha256", read(checksum)).verify(partial);
                // Whole and verified or not at all: a bad download must not be mistaken for the archive next time.
                Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot keep " + archive, e);
            } finally {
                deleteQuietly(partial);
            }
        }
        return archive;
    }

    /** The architecture of this JVM, as Istio names its builds. */
    private static String hostArchitecture() {
        String machine = System.getProperty("os.arch");
        return switch (machine) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> throw new IllegalStateException("no Istio build for a " + machine + " machine");
        };
    }

    private static void download(URI uri, Path file) {
        try {
            Files.createDirectories(file.getParent());
            Path partial = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".download");
            HttpResponse<Path> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(DOWNLOAD_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofFile(partial));
            if (response.statusCode() != 200) {
                Files.deleteIfExists(partial);
                throw new IllegalStateException("GET " + uri + " answered " + response.statusCode());
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("could not download " + uri + ": " + e.getMessage()
                    + " (without network, put the release archive and its .sha256 in " + file.getParent() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while downloading " + uri, e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Nothing to lose: the next run downloads it again.
        }
    }

    /** Copies {@code entryName} out of the archive to {@code target}; false when the archive has no such entry. */
    private static boolean extract(Path tarGz, String entryName, Path target) {
        try (InputStream in = Files.newInputStream(tarGz);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.getName().equals(entryName)) {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                    return true;
                }
            }
            return false;
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
