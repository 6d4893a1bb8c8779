package demo.mesh.logic.v2;

import demo.mesh.logic.Greeting;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Release v2: the greeting now carries a star rating, shown in the message and returned in {@code stars}
 * (as bookinfo's reviews v2 adds stars to v1). A name always gets the same rating, from any v2 instance.
 */
@Singleton
public class RatedGreeting implements Greeting {
    private static final int MAX_STARS = 5;

    @Override
    public Answer greet(String name) {
        int stars = rating(name);
        return new Answer("Hello, " + name + "! " + "★".repeat(stars) + "☆".repeat(MAX_STARS - stars), stars);
    }

    /** A stable 1..5 rating: CRC32 of the name, so it does not depend on the JVM's String.hashCode. */
    static int rating(String name) {
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % MAX_STARS) + 1;
    }
}
