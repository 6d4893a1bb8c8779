package demo.mesh.console;

import demo.mesh.testsupport.ConsoleClient.Response;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** In Kubernetes mode istiod, not the console, serves xDS: the console says so rather than list no clients. */
@MicronautTest
class XdsClientsKubernetesModeTest extends StandInTest {

    @Test
    void xdsClientsAnswer404NamingWhoKnowsThem() {
        for (String path : new String[] {"/api/xds/clients", "/api/xds/stream"}) {
            Response response = anonymous().get(path);

            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.message()).as(path).isEqualTo("xDS clients are known only in local mode, where the console"
                    + " serves xDS; in a cluster istiod serves them (istioctl proxy-status lists them)");
        }
    }
}
