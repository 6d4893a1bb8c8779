package demo.mesh.console.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Replaces a file so that a reader, or a console that was killed mid-write, finds either the old content or the
 * new one, never half of each: the new content goes to a temporary file in the same directory, which is then
 * renamed over the old one. A process killed before the rename leaves that temporary file behind, which
 * {@link #removeLeftovers} deletes at the next start. The content reaches the disk before the rename and the rename
 * before {@link #write} returns, so a machine that loses power also keeps one whole version: without that, a file
 * system may store the rename before the data and come back with an empty file.
 */
final class AtomicFile {

    private static final String TEMPORARY_INFIX = ".";
    private static final String TEMPORARY_SUFFIX = ".tmp";

    private AtomicFile() {
    }

    /**
     * Deletes the temporary files that writes of {@code file} interrupted by a crash left behind, and returns them.
     * Only for a start-up, before this process writes {@code file}: a write in flight has such a file too.
     */
    static List<Path> removeLeftovers(Path file) throws IOException {
        Path target = file.toAbsolutePath();
        if (!Files.isDirectory(target.getParent())) {
            return List.of();
        }
        String prefix = target.getFileName() + TEMPORARY_INFIX;
        List<Path> removed = new ArrayList<>();
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(target.getParent(), sibling -> {
            String name = sibling.getFileName().toString();
            return name.startsWith(prefix) && name.endsWith(TEMPORARY_SUFFIX) && Files.isRegularFile(sibling);
        })) {
            for (Path leftover : siblings) {
                Files.deleteIfExists(leftover);
                removed.add(leftover);
            }
        }
        return removed;
    }

    static void write(Path file, String content) throws IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(target.getParent(), target.getFileName() + TEMPORARY_INFIX, TEMPORARY_SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(target.getParent());
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Makes the rename durable: on Linux and macOS a rename is stored with its directory. */
    private static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
