package demo.mesh.console.security;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The users files under {@code src/test/resources/users/}; each person's password is {@code NAME-password}. */
final class TestUsers {

    private TestUsers() {
    }

    static String file(String name) {
        try {
            return Path.of(TestUsers.class.getResource("/users/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
