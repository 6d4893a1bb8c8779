package demo.mesh.access.api;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class QueryStringRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "name=alice", "name=Ren%C3%A9e", "name=%F0%9F%98%80", "name=a+b", "name=", "name",
            "name=%EF%BF%BD", "name=x&trace=1"})
    void wellFormedQueriesPass(String rawQuery) {
        assertThat(QueryStringRules.problem(rawQuery)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "name=%FF              | query parameter 'name' is not valid UTF-8: byte 0xFF at byte 1 of its value",
            "name=ab%C3%28         | query parameter 'name' is not valid UTF-8: byte 0xC3 at byte 3 of its value",
            "name=%ED%A0%80        | query parameter 'name' is not valid UTF-8: byte 0xED at byte 1 of its value",
            "name=%E2%82           | query parameter 'name' is not valid UTF-8: byte 0xE2 at byte 1 of its value",
            "name=%C0%AF           | query parameter 'name' is not valid UTF-8: byte 0xC0 at byte 1 of its value",
            "na%FFme=x             | a query parameter name is not valid UTF-8",
            "name=a&name=b         | query parameter 'name' is given more than once; give it once",
            "name=a&na%6De=b       | query parameter 'name' is given more than once",
            "name=100%             | query parameter 'name': '%' at position 4 is not followed by two hex digits",
    })
    void brokenQueriesAreNamed(String rawQuery, String problem) {
        assertThat(QueryStringRules.problem(rawQuery)).hasValueSatisfying(found -> {
            assertThat(found.message()).startsWith(problem);
            assertThat(found.parameter()).isEqualTo(rawQuery.startsWith("na%FF") ? null : "name");
        });
    }
}
