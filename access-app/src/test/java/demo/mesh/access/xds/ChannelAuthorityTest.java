package demo.mesh.access.xds;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** How the switch recognises the channel to logic-app: by the authority gRPC gives a channel to the target. */
class ChannelAuthorityTest {

    @ParameterizedTest
    @CsvSource({
            "xds:///logic-app.mesh-demo.svc.cluster.local:9090, logic-app.mesh-demo.svc.cluster.local:9090",
            "dns:///logic-app:9090,                             logic-app:9090",
            "dns://8.8.8.8/logic-app:9090,                      logic-app:9090",
            "localhost:9091,                                    localhost:9091"})
    void theAuthorityIsWhatGrpcDerivesFromTheTarget(String target, String authority) {
        assertThat(XdsCredentialsSwitch.authority(target)).isEqualTo(authority);
    }
}
