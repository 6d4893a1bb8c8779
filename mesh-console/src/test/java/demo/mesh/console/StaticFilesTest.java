package demo.mesh.console;

import demo.mesh.testsupport.ConsoleClient;
import demo.mesh.testsupport.ConsoleClient.Response;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page's files are served from {@code public/} and nothing else on the classpath is: not the configuration,
 * not the classes, however the path is spelled. Asked signed in too, since sign-in must not open the classpath.
 * Two layers answer: outside {@code /assets/} the security rules (401, 403), under it the static resolver (404).
 */
@MicronautTest
class StaticFilesTest extends StandInTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/", "/index.html", "/assets/app.js", "/assets/console.css"})
    void theFilesOfThePageAreServed(String path) {
        assertThat(anonymous().get(path).status()).as(path).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "/application.yml",
            "/application-k8s.yml",
            "/logback.xml",
            "/demo/mesh/console/MeshConsole.class",
            "/META-INF/MANIFEST.MF",
            "/../application.yml",
            "/assets/../application.yml",
            "/assets/../../application.yml",
            "/assets/../../logback.xml",
            "/assets/../../demo/mesh/console/MeshConsole.class",
            "/%2e%2e/application.yml",
            "/assets/%2e%2e/%2e%2e/application.yml",
            "/assets/%2e%2e%2f%2e%2e%2fapplication.yml",
            "/assets/..%2f..%2fapplication.yml",
            "/..%2fapplication.yml",
            "/assets/%252e%252e%252f%252e%252e%252fapplication.yml",
            "/assets/..%5c..%5capplication.yml",
            "/assets/%2e%2e%2f%2e%2e%2fdemo/mesh/console/MeshConsole.class",
            "//application.yml",
            "/assets//../../application.yml",
            "/assets/./../../application.yml",
            "/assets/%00../../application.yml",
            "/assets/..;/..;/application.yml",
            "/index.html/../../application.yml"})
    void aPathOutsideThePublicFolderShowsNoFile(String path) {
        for (ConsoleClient client : new ConsoleClient[] {anonymous(), alice()}) {
            Response response = client.get(path);

            assertThat(response.status()).as("%s: %s", path, response).isBetween(400, 404);
            assertThat(response.body()).as(path)
                    .doesNotContain("micronaut:", "mesh-console:", "<configuration>", "Manifest-Version",
                            "Ljava/lang/String;");
        }
    }
}
