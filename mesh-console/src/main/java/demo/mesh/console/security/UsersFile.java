package demo.mesh.console.security;

import io.micronaut.context.exceptions.ConfigurationException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the users file: one person a line, {@code name:bcrypt-hash:grants}, the first two fields as
 * {@code htpasswd -nB name} prints them, the grants a comma-separated list of {@code namespace:role}
 * ({@code *:viewer} when left out). Blank lines and lines starting with {@code #} are skipped.
 *
 * <pre>
 * alice:$2y$12$…:mesh-demo:operator
 * bob:$2y$12$…:mesh-demo:viewer,staging:operator
 * </pre>
 */
final class UsersFile {

    static final String HOW_TO_HASH = "make a line with: java -cp mesh-console.jar "
            + HashPassword.class.getName() + " NAME GRANTS (it asks for the password), or htpasswd -nB NAME";

    private UsersFile() {
    }

    static List<LocalUser> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read the users file " + file + " (mesh-console.auth.users-file): "
                    + e.getMessage());
        }
        List<LocalUser> users = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                users.add(parse(line));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("Users file " + file + ", line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return users;
    }

    static LocalUser parse(String line) {
        String[] fields = line.split(":", 3);
        String name = fields[0].strip();
        if (name.isEmpty() || fields.length < 2) {
            throw new IllegalArgumentException("write name:bcrypt-hash:grants; " + HOW_TO_HASH);
        }
        String hash = fields[1].strip();
        if (!PasswordHashes.isHash(hash)) {
            throw new IllegalArgumentException("the password of user " + name + " is not a bcrypt hash; plain "
                    + "passwords are refused; " + HOW_TO_HASH);
        }
        List<Grant> grants = fields.length < 3 || fields[2].isBlank()
                ? List.of(new Grant(Grant.EVERY_NAMESPACE, Role.VIEWER))
                : Arrays.stream(fields[2].split(",")).map(Grant::parse).toList();
        return new LocalUser(name, hash, grants);
    }
}
