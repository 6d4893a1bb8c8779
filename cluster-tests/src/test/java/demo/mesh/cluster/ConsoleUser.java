package demo.mesh.cluster;

/**
 * The one person the cluster tests sign in to the console as. The console is given only the bcrypt hash, as every
 * deployment gives it; the tests know the password.
 */
final class ConsoleUser {
    static final String NAME = "alice";
    static final String PASSWORD = "k3s-console-password";
    /** bcrypt (cost 4, the cheapest bcrypt allows: nothing to protect here) of {@link #PASSWORD}. */
    static final String PASSWORD_HASH = "$2a$04$ZmgTzpY8GLf84U421c7Fmu59y1RuPx4Y679CfqT4X3i07kPe.ALw6";

    private ConsoleUser() {
    }

    /** Her line in a users file (key {@code users} of Secret mesh-console-auth): operator in {@code namespace}. */
    static String usersFileLine(String namespace) {
        return NAME + ":" + PASSWORD_HASH + ":" + namespace + ":operator";
    }
}
