package dev.cumulus.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the repository, its functions and the Knative CRD schemas are. The build passes the repository root and, when
 * given, the schema directory as system properties.
 */
final class Locations {

    /** System property, or environment variable {@value #SCHEMAS_ENV}, naming the directory of the CRD schemas. */
    static final String SCHEMAS_PROPERTY = "cumulus.schemas.dir";
    static final String SCHEMAS_ENV = "CUMULUS_SCHEMAS_DIR";

    private Locations() {
    }

    static Path root() {
        // the fallback is relative to infra/tests, where an IDE runs the tests without the build's properties
        Path path = Path.of(System.getProperty("cumulus.root", "../..")).toAbsolutePath().normalize();
        if (!Files.isDirectory(path.resolve("functions"))) {
            throw new IllegalStateException("no repository at " + path + " (system property cumulus.root)");
        }
        return path;
    }

    /**
     * The functions of the platform, as bin/functions finds them: each directory functions/&lt;name&gt;/ whose
     * application.properties exports a Funqy function of that name ({@code quarkus.funqy.export=<name>}).
     */
    static List<String> functions() {
        try (Stream<Path> modules = Files.list(root().resolve("functions"))) {
            return modules.filter(Locations::exportsItsOwnName).map(module -> module.getFileName().toString()).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The directory holding the Knative CRD schemas, from {@value #SCHEMAS_PROPERTY} or {@value #SCHEMAS_ENV} (a path
     * relative to the repository root, or absolute); empty when neither names one. The schemas are not the
     * project's, so a plain clone has none.
     */
    static Optional<Path> schemas() {
        String configured = System.getProperty(SCHEMAS_PROPERTY, "");
        if (configured.isBlank()) {
            configured = System.getenv().getOrDefault(SCHEMAS_ENV, "");
        }
        if (configured.isBlank()) {
            return Optional.empty();
        }
        Path path = root().resolve(configured.trim()).toAbsolutePath().normalize();
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException(
                    "no directory " + path + " (" + SCHEMAS_PROPERTY + " or " + SCHEMAS_ENV + ")");
        }
        return Optional.of(path);
    }

    /** The copy in infra/services that the kustomization deploys. */
    static Path committed(String function) {
        return services().resolve(function + ".yml");
    }

    /** The directory of the committed Services, with the kustomization that lists them. */
    static Path services() {
        return root().resolve("infra/services");
    }

    /** What Quarkus wrote for the function at its last package in the default flavour. */
    static Path generated(String function) {
        return root().resolve("functions").resolve(function).resolve("target/kubernetes/knative.yml");
    }

    private static boolean exportsItsOwnName(Path module) {
        Path properties = module.resolve("src/main/resources/application.properties");
        if (!Files.isRegularFile(properties)) {
            return false;
        }
        String export = "quarkus.funqy.export=" + module.getFileName();
        try (Stream<String> lines = Files.lines(properties)) {
            return lines.map(String::stripTrailing).anyMatch(export::equals);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
