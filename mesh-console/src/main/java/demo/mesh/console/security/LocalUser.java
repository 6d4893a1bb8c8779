package demo.mesh.console.security;

import java.util.List;

/** A person who signs in with a password: the bcrypt hash of it, never the password, and their grants. */
public record LocalUser(String name, String passwordHash, List<Grant> grants) {

    public LocalUser {
        if (!PasswordHashes.isHash(passwordHash)) {
            throw new IllegalArgumentException("the password of user " + name + " is not a bcrypt hash");
        }
        grants = List.copyOf(grants);
    }

    /** Hides the hash from logs and error messages. */
    @Override
    public String toString() {
        return "LocalUser[" + name + " " + grants + "]";
    }
}
