package demo.mesh.console.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/**
 * How the API reads a JSON request body: Jackson binds it to a record with its lenient defaults turned off (no
 * repeated or unknown fields, no fraction or string for a whole number, nothing but a string for a string), and each
 * refusal is put in the API's words, naming the field at fault ({@code weights.v1}, {@code steps[2]}). The record's
 * constructor checks the values; what it throws reaches the caller as it was thrown. Jackson reports an unknown field
 * only after it has built the record, so a body that misspells a required field is refused for the missing one.
 */
public final class JsonRequestBody {

    /** Makes the caller's "this field is invalid" exception. */
    @FunctionalInterface
    public interface Refusal {
        RuntimeException invalid(String field, String message);
    }

    /** Configured once here and never changed, so one mapper serves every request. */
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfig(LogicalType.Textual, strings -> strings
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();
    /** The same, for quoting a refused value: the rest of the body may follow it. */
    private static final ObjectReader AS_SENT = STRICT.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final int maxBytes;
    private final String whatToSend;
    private final String unknownFieldNote;
    private final Refusal refusal;

    /**
     * @param whatToSend       completes "request body is empty; send …"
     * @param unknownFieldNote follows the list of expected fields when a body has another one; may be empty
     */
    public JsonRequestBody(int maxBytes, String whatToSend, String unknownFieldNote, Refusal refusal) {
        this.maxBytes = maxBytes;
        this.whatToSend = whatToSend;
        this.unknownFieldNote = unknownFieldNote;
        this.refusal = refusal;
    }

    /**
     * The body bound to {@code type}.
     *
     * @param mustBe what a field must be ("a whole number from 0 to 100") when Jackson refuses its value; null for
     *               "a string" or "a number", as the field's type is
     */
    public <T> T read(@Nullable MediaType contentType, @Nullable String body, Class<T> type,
                      Function<String, String> mustBe) {
        // Before Jackson, because they are about the request rather than its JSON; and Micronaut's own refusals of a
        // content type (415) and of a size (413, at 1 MB for the whole server) would not say which rule applies here.
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
        try (JsonParser parser = STRICT.createParser(body)) {
            return bind(parser, type, mustBe);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T bind(JsonParser parser, Class<T> type, Function<String, String> mustBe) throws IOException {
        T value;
        try {
            value = STRICT.readValue(parser, type);
        } catch (ValueInstantiationException e) {
            if (e.getCause() instanceof RuntimeException recordsOwnRefusal) {
                throw recordsOwnRefusal;
            }
            throw e;
        } catch (UnrecognizedPropertyException e) {
            String field = fieldOf(e.getPath());
            throw refusal.invalid(field, "unknown field '" + field + "'; expected "
                    + String.join(", ", e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList())
                    + unknownFieldNote);
        } catch (MismatchedInputException e) {
            throw wrongValue(parser, fieldOf(e.getPath()), e.getTargetType(), mustBe);
        } catch (JsonMappingException e) {
            // Jackson wraps what the parser throws on the way out of an object, with a path that ends at the
            // object: the parser, still at the number too big for an int, knows the key.
            if (e.getCause() instanceof InputCoercionException beyondRange) {
                throw wrongValue(parser, fieldAt(parser.getParsingContext()), beyondRange.getTargetType(), mustBe);
            }
            if (e.getCause() instanceof StreamReadException notJson) {
                throw notJson(parser, notJson);
            }
            throw e;
        } catch (StreamReadException e) {
            throw notJson(parser, e);
        }
        if (value == null) {
            throw refusal.invalid("body", "request body must be a JSON object");
        }
        return value;
    }

    private RuntimeException notJson(JsonParser parser, StreamReadException e) {
        // Jackson tells a repeated key from other syntax errors only in its message. A repeat is refused rather than
        // the last one kept, so that what the caller meant by {"v2": 5, "v2": 10} is nobody's guess.
        if (e.getOriginalMessage().startsWith("Duplicate field")) {
            String field = fieldAt(parser.getParsingContext());
            return refusal.invalid(field, field + " appears twice in the request body; send each field once");
        }
        return refusal.invalid("body", "request body is not valid JSON");
    }

    /** The refusal of a value of the wrong type, quoting it as sent ({@code "ninety"} in quotes). */
    private RuntimeException wrongValue(JsonParser parser, String field, @Nullable Class<?> type,
                                        Function<String, String> mustBe) {
        if (field.isEmpty()) {
            return refusal.invalid("body", "request body must be a JSON object");
        }
        String sent;
        try {
            // The parser stopped at the value it could not bind; read just that value back.
            sent = AS_SENT.readTree(parser).toString();
        } catch (IOException e) {
            return refusal.invalid("body", "request body is not valid JSON");
        }
        String expected = mustBe.apply(field);
        if (expected == null) {
            expected = type == String.class ? "a string" : "a number";
        }
        return refusal.invalid(field, field + " must be " + expected + ", got " + sent);
    }

    /** {@code steps[1]}, {@code gates.minCalls}: the field Jackson was binding. */
    private static String fieldOf(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference step : path) {
            field.append(step.getFieldName() == null ? "[" + step.getIndex() + "]"
                    : (field.isEmpty() ? "" : ".") + step.getFieldName());
        }
        return field.toString();
    }

    /** {@code weights.v2} for the key, or the value of a key, the parser stopped at. */
    private static String fieldAt(JsonStreamContext context) {
        StringBuilder field = new StringBuilder();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            field.insert(0, c.inArray() ? "[" + c.getCurrentIndex() + "]" : "." + c.getCurrentName());
        }
        return field.isEmpty() || field.charAt(0) != '.' ? field.toString() : field.substring(1);
    }
}
