package demo.mesh.console.security;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The people who sign in with a password: the users file, plus the single configured user of earlier releases.
 * Read once at start-up, where a plain password, a malformed line or a name given twice stops the console with a
 * message that says where and what to do: a console that starts without them would lock those people out silently.
 */
@Context
public class LocalUsers {

    private final Map<String, LocalUser> byName;

    public LocalUsers(AuthConfiguration configuration) {
        List<LocalUser> users = new ArrayList<>();
        if (configuration.hasUsersFile()) {
            users.addAll(UsersFile.read(Path.of(configuration.usersFile())));
        }
        singleUser(configuration).ifPresent(users::add);
        this.byName = users.stream().collect(Collectors.toMap(LocalUser::name, Function.identity(), (a, b) -> {
            throw new ConfigurationException("User " + a.name() + " is configured twice (users file and "
                    + AuthConfiguration.PREFIX + ".username, or two lines of the users file); keep one");
        }));
    }

    public Optional<LocalUser> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }

    public int count() {
        return byName.size();
    }

    private static Optional<LocalUser> singleUser(AuthConfiguration configuration) {
        if (!configuration.hasUsername() || !configuration.hasPassword()) {
            return Optional.empty();
        }
        if (!PasswordHashes.isHash(configuration.password())) {
            throw new ConfigurationException(AuthConfiguration.PREFIX + ".password (env MESH_CONSOLE_AUTH_PASSWORD) "
                    + "is not a bcrypt hash: the console accepts no plain password. Set it to the hash of the password: "
                    + "java -cp mesh-console.jar " + HashPassword.class.getName() + " prints one (it asks for the "
                    + "password), as does htpasswd -nB " + configuration.username() + " | cut -d: -f2");
        }
        return Optional.of(new LocalUser(configuration.username(), configuration.password(),
                List.of(new Grant(Grant.EVERY_NAMESPACE, Role.OPERATOR))));
    }
}
