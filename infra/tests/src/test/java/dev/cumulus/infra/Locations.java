package dev.cumulus.infra;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository and the shared CRD schemas are; the build passes both as system properties. */
final class Locations {

    /** The functions whose Knative Services infra/ deploys. */
    static final String[] FUNCTIONS = {"sum-chunk", "aggregate", "register", "login"};

    private Locations() {
    }

    static Path root() {
        return directory("cumulus.root", "../..");
    }

    static Path schemas() {
        return directory("cumulus.schemas", "../../../shared/schemas");
    }

    /** The copy in infra/services that the kustomization deploys. */
    static Path committed(String function) {
        return root().resolve("infra/services").resolve(function + ".yml");
    }

    /** What Quarkus wrote for the function at its last package in the default flavour. */
    static Path generated(String function) {
        return root().resolve("functions").resolve(function).resolve("target/kubernetes/knative.yml");
    }

    // the fallback is relative to infra/tests, where an IDE runs the tests without the build's properties
    private static Path directory(String property, String fallback) {
        Path path = Path.of(System.getProperty(property, fallback)).toAbsolutePath().normalize();
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException("no directory " + path + " (system property " + property + ")");
        }
        return path;
    }
}
