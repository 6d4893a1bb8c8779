package demo.mesh.console.security;

import java.util.Optional;

/**
 * A role in one namespace, or in every namespace ({@code *}), written {@code namespace:role} wherever grants are
 * configured, in the OIDC groups claim, and in the roles of a signed-in user's token.
 */
public record Grant(String namespace, Role role) {

    public static final String EVERY_NAMESPACE = "*";

    public Grant {
        if (namespace == null || namespace.isBlank()) {
            throw new IllegalArgumentException("a grant needs a namespace (or * for every namespace)");
        }
    }

    /** Parses {@code namespace:role}; the message says what is wrong and how to write it. */
    public static Grant parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        int colon = trimmed.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("'" + trimmed + "' is not a grant: write namespace:viewer or "
                    + "namespace:operator, with * for every namespace");
        }
        return new Grant(trimmed.substring(0, colon), Role.parse(trimmed.substring(colon + 1)));
    }

    /** The grant a text names, or empty when it is not written as one (such as an unrelated OIDC group). */
    static Optional<Grant> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (IllegalArgumentException notAGrant) {
            return Optional.empty();
        }
    }

    public boolean allows(String inNamespace, Role needed) {
        return (namespace.equals(EVERY_NAMESPACE) || namespace.equals(inNamespace)) && role.includes(needed);
    }

    @Override
    public String toString() {
        return namespace + ":" + role.label();
    }
}
