package demo.mesh.console;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WatchedNamespacesTest {

    @Test
    void aStarAloneWatchesEveryNamespace() {
        WatchedNamespaces all = WatchedNamespaces.parse(List.of("*"));

        assertThat(all.all()).isTrue();
        assertThat(all.contains("anything")).isTrue();
        assertThat(all).hasToString("*");
    }

    @Test
    void namesWatchOnlyThemselves() {
        WatchedNamespaces some = WatchedNamespaces.parse(List.of("mesh-demo", " staging "));

        assertThat(some.all()).isFalse();
        assertThat(some.contains("staging")).isTrue();
        assertThat(some.contains("prod")).isFalse();
    }

    @Test
    void aStarMixedWithNamesIsRefusedNamingBoth() {
        assertThatThrownBy(() -> WatchedNamespaces.parse(List.of("mesh-demo", "*")))
                .hasMessage("mesh-console.namespaces mixes * with names (mesh-demo,*): use * alone for every namespace,"
                        + " or only names");
    }

    @Test
    void aStarMixedWithNamesStopsTheConsoleAtStartUp() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("mesh-console.namespaces", "mesh-demo,*"), "test").close())
                .hasStackTraceContaining("mesh-console.namespaces mixes * with names (mesh-demo,*)");
    }

    @Test
    void noNamespaceIsRefused() {
        assertThatThrownBy(() -> WatchedNamespaces.parse(List.of(" ")))
                .hasMessageContaining("mesh-console.namespaces is empty");
    }
}
