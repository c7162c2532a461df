package dev.cumulus.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The copies in infra/services are what Quarkus generates from each function's Knative configuration, plus the
 * hardening infra/generate.sh adds (ServicesHardeningTest checks that), so the kustomization never deploys a stale
 * Service; and the kustomization in infra/services lists exactly the functions there are. When this fails, run
 * infra/generate.sh and commit what it wrote.
 */
class GeneratedServicesTest {

    static Stream<String> functions() {
        return Locations.functions().stream();
    }

    @ParameterizedTest
    @MethodSource("functions")
    void committedCopy_equalsTheGeneratedManifest(String function) {
        // given
        Path generated = Locations.generated(function);
        assertThat(generated).as("run `./mvnw -pl functions/%s -am package` (default flavour) first", function)
                .exists();

        // when: compared as trees, so the order of keys, which the generator does not fix, does not matter
        List<JsonNode> expected = Manifests.withoutNullProbePorts(Manifests.read(generated));
        List<JsonNode> committed = Manifests.withoutHardening(Manifests.read(Locations.committed(function)));

        // then
        assertThat(committed).as("infra/services/%s.yml differs from %s: run infra/generate.sh", function, generated)
                .isEqualTo(expected);
    }

    @Test
    void servicesKustomization_listsTheServiceOfEveryFunctionAndNothingElse() throws IOException {
        // given
        List<String> expected = Locations.functions().stream().map(function -> function + ".yml").toList();

        // when
        JsonNode kustomization = Manifests.read(Locations.services().resolve("kustomization.yaml")).get(0);
        List<String> listed = new ArrayList<>();
        kustomization.path("resources").forEach(resource -> listed.add(resource.asText()));
        List<String> files;
        try (Stream<Path> entries = Files.list(Locations.services())) {
            files = entries.map(entry -> entry.getFileName().toString()).filter(name -> name.endsWith(".yml"))
                    .sorted().toList();
        }

        // then
        assertThat(listed).as("infra/services/kustomization.yaml: run infra/generate.sh")
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(files).as("Services in infra/services: run infra/generate.sh, remove those of gone functions")
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void rootKustomization_takesTheServicesFromTheirDirectory() {
        // given
        JsonNode kustomization = Manifests.read(Locations.root().resolve("infra/kustomization.yaml")).get(0);

        // when
        List<String> resources = new ArrayList<>();
        kustomization.path("resources").forEach(resource -> resources.add(resource.asText()));

        // then: a new function joins through services/kustomization.yaml, without an edit here
        assertThat(resources).contains("services").noneMatch(resource -> resource.startsWith("services/"));
    }
}
