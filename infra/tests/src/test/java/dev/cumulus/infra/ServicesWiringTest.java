package dev.cumulus.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The committed Services and the kustomization fit together: probes Knative accepts, the ConfigMap and Secrets the
 * kustomization generates, aggregate pointed at sum-chunk in the namespace infra/ deploys to, scaling per function.
 */
class ServicesWiringTest {

    static final JsonNode KUSTOMIZATION = Manifests.read(Locations.root().resolve("infra/kustomization.yaml")).get(0);

    static Stream<String> functions() {
        return Locations.functions().stream();
    }

    static JsonNode container(String function) {
        return Manifests.knativeService(Locations.committed(function)).at("/spec/template/spec/containers/0");
    }

    static JsonNode template(String function) {
        return Manifests.knativeService(Locations.committed(function)).at("/spec/template");
    }

    static List<String> generatedNames(String generator) {
        List<String> names = new ArrayList<>();
        KUSTOMIZATION.path(generator).forEach(entry -> names.add(entry.path("name").asText()));
        return names;
    }

    @ParameterizedTest
    @MethodSource("functions")
    void probes_onTheHealthPathsWithoutAPort(String function) {
        JsonNode container = container(function);

        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
        // Knative probes the one container port when none is named
        assertThat(container.at("/readinessProbe/httpGet").has("port")).isFalse();
        assertThat(container.at("/livenessProbe/httpGet").has("port")).isFalse();
        assertThat(container.path("ports")).hasSize(1);
        assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
        // Knative refuses a startup probe
        assertThat(container.has("startupProbe")).isFalse();
    }

    @ParameterizedTest
    @MethodSource("functions")
    void everyConfigMapAndSecret_isOneTheKustomizationGenerates(String function) {
        JsonNode container = container(function);
        List<String> configMaps = new ArrayList<>();
        List<String> secrets = new ArrayList<>();
        container.path("envFrom").forEach(source -> {
            if (source.has("configMapRef")) {
                configMaps.add(source.at("/configMapRef/name").asText());
            }
            if (source.has("secretRef")) {
                secrets.add(source.at("/secretRef/name").asText());
            }
        });

        assertThat(configMaps).containsExactly("cumulus-config");
        assertThat(generatedNames("configMapGenerator")).containsAll(configMaps);
        assertThat(generatedNames("secretGenerator")).containsAll(secrets);
    }

    @Test
    void accounts_readTheDatabaseSecret_andLoginTheSigningKey() {
        assertThat(container("register").findValuesAsText("name")).contains("cumulus-db").doesNotContain("cumulus-jwt");
        assertThat(container("login").findValuesAsText("name")).contains("cumulus-db", "cumulus-jwt");
    }

    @Test
    void s3Readers_readTheS3Secret_accountsDoNot() {
        assertThat(container("sum-chunk").findValuesAsText("name")).contains("cumulus-s3");
        assertThat(container("aggregate").findValuesAsText("name")).contains("cumulus-s3");
        assertThat(container("register").findValuesAsText("name")).doesNotContain("cumulus-s3");
        assertThat(container("login").findValuesAsText("name")).doesNotContain("cumulus-s3");
    }

    @Test
    void aggregate_callsSumChunkAtItsClusterLocalAddressInTheDeployedNamespace() {
        String namespace = KUSTOMIZATION.path("namespace").asText();
        JsonNode url = null;
        for (JsonNode variable : container("aggregate").path("env")) {
            if ("CUMULUS_AGGREGATE_SUM_CHUNK_URL".equals(variable.path("name").asText())) {
                url = variable.path("value");
            }
        }

        assertThat(url).isNotNull();
        assertThat(url.asText()).isEqualTo("http://sum-chunk." + namespace + ".svc.cluster.local");
        assertThat(Manifests.knativeService(Locations.committed("sum-chunk")).at("/metadata/labels")
                .path("networking.knative.dev/visibility").asText()).isEqualTo("cluster-local");
    }

    @Test
    void aggregate_verifiesTokensWithLoginsJwksAtItsClusterLocalAddress() {
        String namespace = KUSTOMIZATION.path("namespace").asText();

        assertThat(env("aggregate", "CUMULUS_AGGREGATE_AUTH_PUBLIC_KEY_LOCATION"))
                .isEqualTo("http://login." + namespace + ".svc.cluster.local/.well-known/jwks.json");
        // anonymous calls are for local runs only: nothing here turns them on
        assertThat(env("aggregate", "CUMULUS_AGGREGATE_AUTH_ALLOW_ANONYMOUS")).isNull();
        assertThat(Locations.root().resolve("infra/config/cumulus.env")).content()
                .doesNotContain("CUMULUS_AGGREGATE_AUTH_ALLOW_ANONYMOUS");
    }

    private static String env(String function, String name) {
        for (JsonNode variable : container(function).path("env")) {
            if (name.equals(variable.path("name").asText())) {
                return variable.path("value").asText();
            }
        }
        return null;
    }

    @Test
    void concurrency_lowForCpuBoundFunctions_highForAggregate() {
        assertThat(containerConcurrency("aggregate")).isGreaterThanOrEqualTo(50);
        Stream.of("sum-chunk", "register", "login")
                .forEach(function -> assertThat(containerConcurrency(function)).as(function).isBetween(1, 4));
    }

    @ParameterizedTest
    @MethodSource("functions")
    void scaleBoundsAndResources_set(String function) {
        JsonNode annotations = template(function).at("/metadata/annotations");
        JsonNode resources = container(function).path("resources");

        assertThat(annotations.path("autoscaling.knative.dev/min-scale").asText()).matches("\\d+");
        assertThat(annotations.path("autoscaling.knative.dev/max-scale").asText()).matches("[1-9]\\d*");
        assertThat(resources.at("/requests/cpu").asText()).isNotEmpty();
        assertThat(resources.at("/requests/memory").asText()).isNotEmpty();
        assertThat(resources.at("/limits/memory").asText()).isNotEmpty();
    }

    private static int containerConcurrency(String function) {
        return template(function).at("/spec/containerConcurrency").asInt();
    }
}
