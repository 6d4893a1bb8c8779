package demo.mesh.logic;

import demo.mesh.logic.api.HelloReply;
import jakarta.inject.Singleton;

/** Answers a greeting: checks the name, lets the release word it, and signs it with version and instance. */
@Singleton
public class LogicService {
    private final Greeting greeting;
    private final String version;
    private final InstanceName instance;

    public LogicService(Greeting greeting, LogicProperties logic, InstanceName instance) {
        this.greeting = greeting;
        this.version = logic.version();
        this.instance = instance;
    }

    /**
     * @throws InvalidNameException when the name breaks {@link NameRules}
     */
    public HelloReply hello(String name) {
        NameRules.check(name);
        Greeting.Answer answer = greeting.greet(name);
        return HelloReply.newBuilder()
                .setMessage(answer.message())
                .setStars(answer.stars())
                .setVersion(version)
                .setInstance(instance.value())
                .build();
    }

    public String version() {
        return version;
    }
}
