package demo.mesh.logic;

import io.micronaut.core.convert.ConversionService;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the body of {@code PUT /fault}. The whole fault is replaced: a field left out is off (errorRate 0,
 * latency 0s), so {@code {}} heals the release. Latency is read by the same converter as {@code LOGIC_FAULT_LATENCY}.
 */
@Singleton
class FaultBodyParser {

    static final String EXAMPLE = "{\"errorRate\":0.3,\"latency\":\"200ms\"}";

    private final JsonMapper json;
    private final ConversionService conversions;

    FaultBodyParser(JsonMapper json, ConversionService conversions) {
        this.json = json;
        this.conversions = conversions;
    }

    /**
     * @throws BadFaultException naming what is wrong with the body
     */
    Fault parse(String body) {
        JsonNode tree = tree(body);
        for (Map.Entry<String, JsonNode> field : tree.entries()) {
            if (!field.getKey().equals(Fault.Field.ERROR_RATE.json()) && !field.getKey().equals(Fault.Field.LATENCY.json())) {
                throw new BadFaultException("unknown field '" + field.getKey() + "'; the fault has "
                        + Fault.Field.ERROR_RATE.json() + " and " + Fault.Field.LATENCY.json());
            }
        }
        try {
            return new Fault(latency(tree.get(Fault.Field.LATENCY.json())), errorRate(tree.get(Fault.Field.ERROR_RATE.json())));
        } catch (Fault.InvalidFaultException e) {
            throw new BadFaultException(e.field().json() + " " + e.getMessage());
        }
    }

    private JsonNode tree(String body) {
        JsonNode tree;
        try {
            tree = body == null || body.isBlank() ? null : json.readValue(body, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw new BadFaultException("the body is not JSON; send an object such as " + EXAMPLE);
        }
        if (tree == null || !tree.isObject()) {
            throw new BadFaultException("the body must be a JSON object such as " + EXAMPLE);
        }
        return tree;
    }

    private double errorRate(JsonNode value) {
        if (value == null) {
            return 0;
        }
        if (!value.isNumber()) {
            throw new BadFaultException(Fault.Field.ERROR_RATE.json() + " must be a number from 0.0 to 1.0, got " + show(value));
        }
        return value.getDoubleValue();
    }

    private Duration latency(JsonNode value) {
        if (value == null) {
            return Duration.ZERO;
        }
        Optional<Duration> latency = value.isString() ? convert(value.getStringValue()) : Optional.empty();
        return latency.orElseThrow(() -> new BadFaultException(Fault.Field.LATENCY.json()
                + " must be a duration such as \"200ms\" or \"2s\", got " + show(value)));
    }

    /** The value as it was written, for the message. */
    private String show(JsonNode value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            return "a " + value.getClass().getSimpleName();
        }
    }

    private Optional<Duration> convert(String text) {
        try {
            return conversions.convert(text.trim(), Duration.class);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The body of a PUT cannot be a fault; the message says why. */
    static final class BadFaultException extends RuntimeException {
        BadFaultException(String message) {
            super(message);
        }
    }
}
