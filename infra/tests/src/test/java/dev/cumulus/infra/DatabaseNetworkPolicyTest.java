package dev.cumulus.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * PostgreSQL takes connections only from the pods of the functions that hold its credentials (the Secret cumulus-db):
 * the NetworkPolicy in infra/network admits exactly those Knative Services, on the database port, and nothing else.
 */
class DatabaseNetworkPolicyTest {

    static final Path POLICY = Locations.root().resolve("infra/network/postgres-clients.yaml");
    static final Path POSTGRES = Locations.root().resolve("infra/postgres/postgres.yaml");

    static JsonNode policy() {
        return Manifests.read(POLICY).get(0);
    }

    static JsonNode postgres(String kind) {
        return Manifests.read(POSTGRES).stream().filter(document -> kind.equals(document.path("kind").asText()))
                .findFirst().orElseThrow();
    }

    /** The functions whose Service reads the database Secret, from the committed Services. */
    static List<String> databaseClients() {
        return Locations.functions().stream().filter(function -> Manifests.knativeService(Locations.committed(function))
                .at("/spec/template/spec/containers/0").findValuesAsText("name").contains("cumulus-db")).toList();
    }

    @Test
    void policy_selectsThePostgresPods() {
        // given
        JsonNode podLabels = postgres("StatefulSet").at("/spec/template/metadata/labels");

        // when
        JsonNode selector = policy().at("/spec/podSelector/matchLabels");

        // then
        assertThat(policy().path("kind").asText()).isEqualTo("NetworkPolicy");
        assertThat(selector).isNotEmpty();
        selector.properties().forEach(label -> assertThat(podLabels.path(label.getKey()).asText())
                .as("pod label %s", label.getKey()).isEqualTo(label.getValue().asText()));
    }

    @Test
    void ingress_onlyFromTheFunctionsHoldingTheDatabaseSecret_onTheDatabasePort() {
        // given
        List<String> clients = databaseClients();
        int port = postgres("StatefulSet").at("/spec/template/spec/containers/0/ports/0/containerPort").asInt();

        // when
        JsonNode spec = policy().path("spec");
        JsonNode rules = spec.path("ingress");

        // then
        assertThat(clients).as("functions that read cumulus-db").isNotEmpty();
        assertThat(spec.path("policyTypes")).extracting(JsonNode::asText).contains("Ingress");
        assertThat(rules).hasSize(1);
        JsonNode from = rules.get(0).path("from");
        assertThat(from).hasSize(1);
        // a pod selector alone: pods of this namespace only, no other namespace, no address block
        assertThat(from.get(0).has("namespaceSelector")).isFalse();
        assertThat(from.get(0).has("ipBlock")).isFalse();
        JsonNode expressions = from.get(0).at("/podSelector/matchExpressions");
        assertThat(from.get(0).at("/podSelector").has("matchLabels")).isFalse();
        assertThat(expressions).hasSize(1);
        assertThat(expressions.get(0).path("key").asText()).isEqualTo("serving.knative.dev/service");
        assertThat(expressions.get(0).path("operator").asText()).isEqualTo("In");
        List<String> admitted = new ArrayList<>();
        expressions.get(0).path("values").forEach(value -> admitted.add(value.asText()));
        assertThat(admitted).containsExactlyInAnyOrderElementsOf(clients);
        assertThat(rules.get(0).path("ports")).hasSize(1);
        assertThat(rules.get(0).at("/ports/0/port").asInt()).isEqualTo(port);
        assertThat(rules.get(0).at("/ports/0/protocol").asText()).isEqualTo("TCP");
    }

    @Test
    void kustomization_deploysThePolicy() {
        // when
        JsonNode kustomization = Manifests.read(Locations.root().resolve("infra/kustomization.yaml")).get(0);
        List<String> resources = new ArrayList<>();
        kustomization.path("resources").forEach(resource -> resources.add(resource.asText()));

        // then
        assertThat(resources).contains("network/postgres-clients.yaml");
    }
}
