package demo.mesh.console.security;

import demo.mesh.console.StandInTest;
import demo.mesh.testsupport.ConsoleClient;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A console whose people come from {@code src/test/resources/users/team.users} (each password {@code NAME-password}),
 * beside the single configured user alice. Subclasses add {@code @MicronautTest}.
 */
abstract class TeamUsersTest extends StandInTest {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        try {
            properties.put("mesh-console.auth.users-file",
                    Path.of(TeamUsersTest.class.getResource("/users/team.users").toURI()).toString());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return properties;
    }

    protected ConsoleClient as(String name) {
        return anonymous().signIn(name, name + "-password");
    }
}
