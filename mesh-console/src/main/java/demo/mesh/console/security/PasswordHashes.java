package demo.mesh.console.security;

import jakarta.inject.Singleton;
import org.springframework.security.crypto.bcrypt.BCrypt;

import java.util.regex.Pattern;

/**
 * bcrypt, through Spring Security's implementation (its {@code BCrypt} class; the encoder around it would bring
 * commons-logging along). The format is the one {@code htpasswd -B} writes ({@code $2y$}), so
 * either tool can make a hash the console accepts; nothing else is accepted, a plain password least of all.
 */
@Singleton
public class PasswordHashes {

    /** The cost of hashes the console makes: about a quarter of a second per sign-in on a small machine. */
    static final int STRENGTH = 12;

    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");

    /**
     * A hash of a password nobody has, checked for unknown users so the answer takes as long as for known ones.
     * Made at the first such sign-in, not at start-up, which it would slow by a quarter of a second.
     */
    private volatile String unknownUserHash;

    public static boolean isHash(String text) {
        return text != null && BCRYPT.matcher(text).matches();
    }

    public String hash(String password) {
        return BCrypt.hashpw(password, BCrypt.gensalt(STRENGTH));
    }

    public boolean matches(String password, String hash) {
        try {
            return BCrypt.checkpw(password, hash);
        } catch (IllegalArgumentException overLong) {
            // bcrypt reads at most 72 bytes; Spring refuses longer passwords rather than cut them. No hash has one.
            return false;
        }
    }

    /** Spends the time of a check and fails, for a user name nobody has. */
    public boolean matchesNobody(String password) {
        String hash = unknownUserHash;
        if (hash == null) {
            hash = hash("no user has this password");
            unknownUserHash = hash;
        }
        matches(password, hash);
        return false;
    }
}
