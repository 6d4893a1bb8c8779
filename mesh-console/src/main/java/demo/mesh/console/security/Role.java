package demo.mesh.console.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a person may do in a namespace. Each role includes the ones before it: an operator can also read. */
public enum Role {
    /** Reads routes, history and events. */
    VIEWER,
    /** Shifts, reverts and drives rollouts; starts and stops the console's load. */
    OPERATOR;

    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Role parse(String text) {
        return Arrays.stream(values()).filter(role -> role.label().equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown role '" + text + "': the roles are "
                        + Arrays.stream(values()).map(Role::label).collect(Collectors.joining(" and "))));
    }
}
