package dev.cumulus.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The copies in infra/services are what Quarkus generates from each function's resources-knative configuration,
 * so the kustomization never deploys a stale Service. When this fails, run infra/generate.sh and commit the copies.
 */
class GeneratedServicesTest {

    static Stream<String> functions() {
        return Stream.of(Locations.FUNCTIONS);
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
        List<JsonNode> committed = Manifests.read(Locations.committed(function));

        // then
        assertThat(committed).as("infra/services/%s.yml differs from %s: run infra/generate.sh", function, generated)
                .isEqualTo(expected);
    }
}
