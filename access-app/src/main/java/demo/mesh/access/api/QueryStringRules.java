package demo.mesh.access.api;

import io.micronaut.core.annotation.Nullable;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a query string must be before any parameter is read: each parameter given once, each value valid
 * percent-encoded UTF-8. The framework decodes leniently — invalid UTF-8 becomes U+FFFD and a repeated parameter
 * becomes "a,b" — so without this check a broken name would be answered as if it were a real one.
 */
final class QueryStringRules {

    private QueryStringRules() {
    }

    /**
     * What is wrong with a query string.
     *
     * @param parameter the parameter at fault; null when its very name cannot be read
     */
    record Problem(@Nullable String parameter, String message) {
    }

    /** @return what is wrong with {@code rawQuery} (still percent-encoded), or empty when nothing is */
    static Optional<Problem> problem(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Optional.empty();
        }
        Set<String> seen = new HashSet<>();
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name;
            try {
                name = decode(equals < 0 ? pair : pair.substring(0, equals), "a query parameter name");
            } catch (BadEncoding e) {
                return Optional.of(new Problem(null, e.getMessage()));
            }
            if (!seen.add(name)) {
                return Optional.of(new Problem(name, "query parameter '" + name + "' is given more than once; give it once"));
            }
            try {
                decode(equals < 0 ? "" : pair.substring(equals + 1), "query parameter '" + name + "'");
            } catch (BadEncoding e) {
                return Optional.of(new Problem(name, e.getMessage()));
            }
        }
        return Optional.empty();
    }

    private static String decode(String raw, String what) throws BadEncoding {
        ByteBuffer bytes = ByteBuffer.wrap(percentDecoded(raw, what));
        CharBuffer text = CharBuffer.allocate(bytes.remaining());
        CoderResult result = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(bytes, text, true);
        if (result.isError()) {
            throw new BadEncoding(String.format(Locale.ROOT, "%s is not valid UTF-8: byte 0x%02X at byte %d of its value"
                    + " starts no valid character; send text as percent-encoded UTF-8",
                    what, bytes.get(bytes.position()) & 0xFF, bytes.position() + 1));
        }
        return text.flip().toString();
    }

    private static byte[] percentDecoded(String raw, String what) throws BadEncoding {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            } else if (i + 2 < raw.length() && hex(raw.charAt(i + 1)) >= 0 && hex(raw.charAt(i + 2)) >= 0) {
                bytes.write(hex(raw.charAt(i + 1)) * 16 + hex(raw.charAt(i + 2)));
                i += 2;
            } else {
                throw new BadEncoding(what + ": '%' at position " + (i + 1) + " is not followed by two hex digits");
            }
        }
        return bytes.toByteArray();
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    private static final class BadEncoding extends Exception {
        BadEncoding(String message) {
            super(message, null, false, false);
        }
    }
}
