package demo.mesh.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A release's published SHA-256 of one of its files: the text of its {@code .sha256} file, "{@code <hex>  <name>}",
 * as Istio publishes one beside every archive. A download is kept only when it matches.
 */
record PublishedChecksum(String source, String hex) {

    private static final Pattern SHA256 = Pattern.compile("^\\s*([0-9a-fA-F]{64})(\\s.*)?$", Pattern.DOTALL);

    /** Reads the checksum from the text of a {@code .sha256} file fetched from {@code source}. */
    static PublishedChecksum parse(String source, String text) {
        Matcher matcher = SHA256.matcher(text);
        if (!matcher.matches()) {
            String start = text.length() > 40 ? text.substring(0, 40) + "…" : text;
            throw new IllegalStateException(source + " holds no SHA-256 (it starts with '" + start.strip() + "')");
        }
        return new PublishedChecksum(source, matcher.group(1).toLowerCase(Locale.ROOT));
    }

    /** Fails, naming both values, unless {@code file}'s SHA-256 is this one. */
    void verify(Path file) {
        String actual = sha256(file);
        if (!actual.equals(hex)) {
            throw new IllegalStateException("checksum mismatch for " + file.getFileName() + ": " + source
                    + " publishes " + hex + ", the download has " + actual);
        }
    }

    private static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
