package demo.mesh.console.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The checks every hand-read request body goes through before its own fields are read: a JSON content type, a size
 * limit, a JSON object with no unknown or repeated fields, and whole numbers in range. Each refusal names the field,
 * and is raised as the exception the caller's endpoint already turns into a 400.
 */
public final class JsonRequestBody {

    /** Makes the caller's "this field is invalid" exception. */
    @FunctionalInterface
    public interface Refusal {
        RuntimeException invalid(String field, String message);
    }

    private static final JsonFactory STREAMING = new JsonFactory();

    private final JsonMapper jsonMapper;
    private final int maxBytes;
    private final String whatToSend;
    private final String unknownFieldNote;
    private final Refusal refusal;

    /**
     * @param whatToSend       completes "request body is empty; send …"
     * @param unknownFieldNote follows the list of expected fields when a body has another one; may be empty
     */
    public JsonRequestBody(JsonMapper jsonMapper, int maxBytes, String whatToSend, String unknownFieldNote,
                           Refusal refusal) {
        this.jsonMapper = jsonMapper;
        this.maxBytes = maxBytes;
        this.whatToSend = whatToSend;
        this.unknownFieldNote = unknownFieldNote;
        this.refusal = refusal;
    }

    /** The body's fields in the order sent, once it has passed every check. */
    public Map<String, JsonNode> readObject(@Nullable MediaType contentType, @Nullable String body,
                                            Set<String> allowedFields) {
        if (contentType == null || !MediaType.APPLICATION_JSON_TYPE.matches(contentType)) {
            throw refusal.invalid("Content-Type", "Content-Type must be application/json, got "
                    + (contentType == null ? "none" : contentType.toString()));
        }
        if (body == null || body.isBlank()) {
            throw refusal.invalid("body", "request body is empty; send " + whatToSend);
        }
        int size = body.getBytes(StandardCharsets.UTF_8).length;
        if (size > maxBytes) {
            throw refusal.invalid("body", "request body is " + size + " bytes; the limit is " + maxBytes);
        }
        refuseRepeatedFields(body);
        JsonNode json;
        try {
            json = jsonMapper.readValue(body, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw refusal.invalid("body", "request body is not valid JSON");
        }
        if (json == null || !json.isObject()) {
            throw refusal.invalid("body", "request body must be a JSON object");
        }
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : json.entries()) {
            if (!allowedFields.contains(field.getKey())) {
                throw refusal.invalid(field.getKey(), "unknown field '" + field.getKey() + "'; expected "
                        + String.join(", ", allowedFields.stream().sorted().toList()) + unknownFieldNote);
            }
            fields.put(field.getKey(), field.getValue());
        }
        return fields;
    }

    /**
     * Parsers keep the last of two equal keys without a word, so {@code {"v2": 5, "v2": 10}} would be read as
     * whichever came last, and what the caller meant is anyone's guess: refuse it instead.
     */
    private void refuseRepeatedFields(String body) {
        try (JsonParser parser = STREAMING.createParser(body)) {
            Deque<Set<String>> objects = new ArrayDeque<>();
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.START_OBJECT) {
                    objects.push(new HashSet<>());
                } else if (token == JsonToken.END_OBJECT) {
                    objects.pop();
                } else if (token == JsonToken.FIELD_NAME && !objects.getFirst().add(parser.currentName())) {
                    String field = path(parser.getParsingContext());
                    throw refusal.invalid(field, field + " appears twice in the request body; send each field once");
                }
            }
        } catch (IOException e) {
            // Not JSON: the parse that follows says so in the usual words.
        }
    }

    /** {@code weights.v2} for the field the parser is at. */
    private static String path(JsonStreamContext context) {
        Deque<String> names = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            names.push(c.inArray() ? "[" + c.getCurrentIndex() + "]" : c.getCurrentName());
        }
        return String.join(".", names).replace(".[", "[");
    }

    /** {@code value} as an int from {@code min} to {@code max}; {@code unit} follows the range in the refusal. */
    public int wholeNumber(String field, JsonNode value, long min, long max, String unit) {
        Number number = value.isNumber() ? value.getNumberValue() : null;
        // A BigInteger this short fits a long, so the range check below sees its true value.
        boolean whole = number instanceof Integer || number instanceof Long || number instanceof Short
                || (number instanceof BigInteger big && big.bitLength() < 63);
        if (!whole || number.longValue() < min || number.longValue() > max) {
            throw refusal.invalid(field, field + " must be a whole number from " + min + " to " + max + unit
                    + ", got " + (number != null ? number : asJson(value)));
        }
        return number.intValue();
    }

    /** The string in {@code field}, or null when the body leaves it out or sets it to null. */
    @Nullable
    public String optionalString(Map<String, JsonNode> fields, String field) {
        JsonNode value = fields.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw refusal.invalid(field, field + " must be a string, got " + asJson(value));
        }
        return value.getStringValue();
    }

    /** {@code value} as the caller wrote it ("ninety" in quotes), for refusals that quote what was sent. */
    public String asJson(JsonNode value) {
        try {
            return jsonMapper.writeValueAsString(value);
        } catch (IOException e) {
            return "a " + value.getClass().getSimpleName();
        }
    }
}
