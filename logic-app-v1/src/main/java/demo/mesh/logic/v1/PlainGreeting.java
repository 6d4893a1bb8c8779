package demo.mesh.logic.v1;

import demo.mesh.logic.Greeting;
import jakarta.inject.Singleton;

/** Release v1: a plain greeting, no rating. */
@Singleton
public class PlainGreeting implements Greeting {

    @Override
    public Answer greet(String name) {
        return Answer.unrated("Hello, " + name + "!");
    }
}
