package demo.mesh.console.security;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The grants of a person signed in with OpenID Connect: {@link OidcRolesConfiguration}'s table, checked at start-up
 * so a mistyped entry stops the console instead of silently granting nothing.
 */
@Context
public class OidcGrantTable {

    private final List<Entry> entries;

    public OidcGrantTable(OidcRolesConfiguration configuration) {
        List<Entry> parsed = new ArrayList<>();
        for (String entry : configuration.grants()) {
            if (entry.isBlank()) {
                continue;
            }
            try {
                parsed.add(Entry.parse(entry));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(OidcRolesConfiguration.PREFIX + ".grants entry '" + entry + "': "
                        + e.getMessage());
            }
        }
        this.entries = List.copyOf(parsed);
    }

    /** Grants from the groups claim written as grants, then those the table gives the person or their groups. */
    public Grants grantsFor(String person, Collection<String> groups) {
        List<Grant> grants = new ArrayList<>();
        groups.stream().map(Grant::tryParse).flatMap(Optional::stream).forEach(grants::add);
        for (Entry entry : entries) {
            boolean matches = entry.group() ? groups.contains(entry.name()) : entry.name().equals(person);
            if (matches) {
                grants.add(entry.grant());
            }
        }
        return new Grants(grants);
    }

    private record Entry(boolean group, String name, Grant grant) {

        static Entry parse(String text) {
            int equals = text.indexOf('=');
            int colon = text.indexOf(':');
            if (equals < 0 || colon < 0 || colon > equals) {
                throw new IllegalArgumentException("write group:NAME=namespace:role or user:NAME=namespace:role");
            }
            String kind = text.substring(0, colon).strip();
            if (!kind.equals("group") && !kind.equals("user")) {
                throw new IllegalArgumentException("'" + kind + "' is neither group nor user");
            }
            return new Entry(kind.equals("group"), text.substring(colon + 1, equals).strip(),
                    Grant.parse(text.substring(equals + 1)));
        }
    }
}
