package demo.mesh.logic;

/**
 * The contract's rules for {@code HelloRequest.name}: 1 to {@value #MAX_LENGTH} characters, no control characters.
 * Length counts code points, so an emoji is one character, as a person would count it.
 */
public final class NameRules {
    public static final int MAX_LENGTH = 64;

    private NameRules() {
    }

    /**
     * @throws InvalidNameException naming the broken rule
     */
    public static void check(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidNameException("name must not be empty");
        }
        int length = name.codePointCount(0, name.length());
        if (length > MAX_LENGTH) {
            throw new InvalidNameException(
                    "name must be at most " + MAX_LENGTH + " characters, got " + length);
        }
        int[] codePoints = name.codePoints().toArray();
        for (int i = 0; i < codePoints.length; i++) {
            if (Character.isISOControl(codePoints[i])) {
                throw new InvalidNameException(String.format(
                        "name must not contain control characters, found U+%04X at position %d", codePoints[i], i + 1));
            }
        }
    }
}
