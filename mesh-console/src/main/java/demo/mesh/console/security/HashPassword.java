package demo.mesh.console.security;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Makes what the console accepts as a password: {@code java -cp mesh-console.jar demo.mesh.console.security.HashPassword}
 * prints the bcrypt hash of the password it reads (for {@code MESH_CONSOLE_AUTH_PASSWORD}); with a name, and grants,
 * a line of the users file ({@code alice:$2a$12$…:mesh-demo:operator}). The password is read from the terminal
 * without echo, or as the first line of standard input, so it never shows in the process list or shell history.
 */
public final class HashPassword {

    private HashPassword() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length > 2 || Arrays.asList(args).contains("--help")) {
            System.err.println("usage: HashPassword [NAME [GRANTS]]   GRANTS: namespace:role,… (role viewer or "
                    + "operator, * for every namespace; default *:viewer). Reads the password, prints the hash or "
                    + "the users-file line.");
            System.exit(2);
        }
        String password = readPassword();
        if (password == null || password.isEmpty()) {
            System.err.println("no password given");
            System.exit(2);
        }
        String hash = new PasswordHashes().hash(password);
        if (args.length == 0) {
            System.out.println(hash);
            return;
        }
        String line = args[0] + ":" + hash + (args.length == 2 ? ":" + args[1] : "");
        try {
            UsersFile.parse(line); // a bad name or grant is refused here, not at the console's next start
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
        System.out.println(line);
    }

    private static String readPassword() throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("Password: ");
            return typed == null ? null : new String(typed);
        }
        return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    }
}
