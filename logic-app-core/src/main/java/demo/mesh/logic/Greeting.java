package demo.mesh.logic;

/**
 * What a release says. This is the one thing each logic-app release owns; everything else is shared.
 */
public interface Greeting {

    /**
     * @param name a valid name (already checked by {@link NameRules})
     * @return the answer this release gives to that name
     */
    Answer greet(String name);

    /**
     * @param message the greeting text
     * @param stars   rating from 1 to 5, or 0 when the release does not rate
     */
    record Answer(String message, int stars) {
        public Answer {
            if (stars < 0 || stars > 5) {
                throw new IllegalArgumentException("stars must be 0 to 5, got " + stars);
            }
        }

        public static Answer unrated(String message) {
            return new Answer(message, 0);
        }
    }
}
