package demo.mesh.console.load;

import io.micronaut.serde.annotation.Serdeable;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the generator saw in one wall-clock second: answers per version and failures per kind.
 *
 * @param time     the start of the second, in milliseconds since the epoch
 * @param versions answers per {@code version} of the answer ("v1", "v2")
 * @param errors   failures per kind ("HTTP 503", "timeout", "connection failed")
 */
@Serdeable
public record SecondCounts(long time, Map<String, Integer> versions, Map<String, Integer> errors) {

    public SecondCounts {
        versions = Collections.unmodifiableMap(new TreeMap<>(versions));
        errors = Collections.unmodifiableMap(new TreeMap<>(errors));
    }

    /** Successful answers, whatever the version. */
    public int answers() {
        return versions.values().stream().mapToInt(Integer::intValue).sum();
    }
}
