package demo.mesh.testsupport;

import java.nio.file.Path;

/**
 * What the build tells the tests through surefire's system properties: where the project is
 * ({@code mesh.demo.root}) and the version it builds ({@code mesh.demo.version}), which names the jars and images.
 */
public final class ProjectBuild {

    private ProjectBuild() {
    }

    /** The project's root folder. */
    public static Path root() {
        return Path.of(System.getProperty("mesh.demo.root", "..")).toAbsolutePath().normalize();
    }

    /** The project's version, from the root pom. */
    public static String version() {
        String version = System.getProperty("mesh.demo.version");
        if (version == null) {
            throw new IllegalStateException("system property mesh.demo.version is not set: run the tests through Maven "
                    + "(./mvnw verify), which sets it from the pom");
        }
        return version;
    }

    /** Where {@code ./mvnw package} leaves {@code module}'s jar: {@code <module>/target/<module>-<version>.jar}. */
    public static Path jar(String module) {
        return root().resolve(module).resolve("target").resolve(module + "-" + version() + ".jar");
    }
}
