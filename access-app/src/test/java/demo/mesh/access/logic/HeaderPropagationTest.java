package demo.mesh.access.logic;

import io.grpc.Metadata;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The configurable propagation list, without a network: which headers become gRPC metadata. */
class HeaderPropagationTest {

    @Test
    void aCustomListIsMatchedWhateverTheCaseAndKeepsEveryValue() {
        HeaderPropagation propagation = new HeaderPropagation(new PropagationConfig(List.of(" X-Tenant ")));
        MutableHttpRequest<?> request = HttpRequest.GET("/api/hello")
                .header("x-tenant", "blue")
                .header("X-TENANT", "green")
                .header("x-canary", "true");

        Metadata metadata = propagation.select(request.getHeaders());

        assertThat(metadata.keys()).containsExactly("x-tenant");
        assertThat(metadata.getAll(Metadata.Key.of("x-tenant", Metadata.ASCII_STRING_MARSHALLER)))
                .containsExactly("blue", "green");
    }

    @Test
    void anEmptyListPropagatesNothing() {
        HeaderPropagation propagation = new HeaderPropagation(new PropagationConfig(null));

        Metadata metadata = propagation.select(HttpRequest.GET("/").header("x-canary", "true").getHeaders());

        assertThat(metadata.keys()).isEmpty();
    }

    @Test
    void aBinaryHeaderNameIsRejectedNamingTheSettingAndTheHeader() {
        assertThatThrownBy(() -> new PropagationConfig(List.of("x-request-id", "grpc-trace-bin")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("access.propagation.headers")
                .hasMessageContaining("grpc-trace-bin");
    }
}
