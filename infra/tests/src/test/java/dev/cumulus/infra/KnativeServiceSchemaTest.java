package dev.cumulus.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Every Knative Service that infra/ deploys validates against the Knative Serving CRD schema, and the schema check
 * rejects broken copies (src/test/resources/invalid: one fault per file, its first line names what is wrong).
 * <p>
 * The CRD belongs to Knative, not to this project: the build reads it from the directory that
 * {@code -Dcumulus.schemas.dir=<dir>} (or the environment variable {@code CUMULUS_SCHEMAS_DIR}) names, which holds
 * {@value KnativeServiceSchema#CRD_FILE}. Without one, these checks are skipped, saying so, and the others run.
 */
class KnativeServiceSchemaTest {

    static KnativeServiceSchema schema;

    @BeforeAll
    static void loadSchema() {
        Optional<Path> schemas = Locations.schemas();
        if (schemas.isEmpty()) {
            String why = "Knative CRD schema checks skipped: no schema directory given (-D" + Locations.SCHEMAS_PROPERTY
                    + "=<dir with " + KnativeServiceSchema.CRD_FILE + "> or " + Locations.SCHEMAS_ENV + ")";
            System.out.println(why);
            Assumptions.abort(why);
        }
        schema = KnativeServiceSchema.load(schemas.get());
    }

    static Stream<String> functions() {
        return Locations.functions().stream();
    }

    static Stream<Path> brokenCopies() throws IOException {
        Path folder = Path.of("src/test/resources/invalid");
        return Files.list(folder).filter(file -> file.toString().endsWith(".yml")).sorted();
    }

    @ParameterizedTest
    @MethodSource("functions")
    void committedService_validatesAgainstTheCrdSchema(String function) {
        // given
        JsonNode service = Manifests.knativeService(Locations.committed(function));

        // when
        List<String> violations = schema.violations(service);

        // then
        assertThat(violations).as("schema violations of infra/services/%s.yml", function).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("brokenCopies")
    void brokenCopy_isRejectedWhereItIsBroken(Path file) throws IOException {
        // given: a copy of infra/services/sum-chunk.yml with one fault; its first line says where
        String firstLine = Files.readAllLines(file).get(0);
        assertThat(firstLine).as("first line of %s", file).startsWith("# expect: ");
        String expected = firstLine.substring("# expect: ".length()).trim();

        // when
        List<String> violations = schema.violations(Manifests.knativeService(file));

        // then
        assertThat(violations).as("violations of %s", file).isNotEmpty().anySatisfy(
                violation -> assertThat(violation).contains(expected));
    }

    @Test
    void quarkusProbeWithNullPort_isRejected() {
        // given: the probe as Quarkus 3.34.2 writes it, before infra/generate.sh drops the null port
        JsonNode service = Manifests.knativeService(Locations.committed("sum-chunk")).deepCopy();
        ((ObjectNode) service.at("/spec/template/spec/containers/0/readinessProbe/httpGet")).putNull("port");

        // when
        List<String> violations = schema.violations(service);

        // then
        assertThat(violations).anySatisfy(violation -> assertThat(violation)
                .contains("$.spec.template.spec.containers[0].readinessProbe.httpGet.port"));
    }
}
