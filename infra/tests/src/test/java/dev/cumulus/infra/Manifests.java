package dev.cumulus.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** Reads Kubernetes manifests (YAML, several documents per file) as JSON trees. */
final class Manifests {

    static final YAMLMapper YAML = new YAMLMapper();

    private Manifests() {
    }

    static List<JsonNode> read(Path file) {
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            return documents.readAll().stream().filter(document -> document != null && !document.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static boolean isKnativeService(JsonNode document) {
        return "serving.knative.dev/v1".equals(document.path("apiVersion").asText())
                && "Service".equals(document.path("kind").asText());
    }

    /** The one Knative Service in a file, which may hold other resources too (a ServiceAccount). */
    static JsonNode knativeService(Path file) {
        List<JsonNode> services = read(file).stream().filter(Manifests::isKnativeService).toList();
        if (services.size() != 1) {
            throw new IllegalStateException(file + " holds " + services.size() + " Knative Services, not one");
        }
        return services.get(0);
    }

    /**
     * A committed Service without what infra/generate.sh adds to the generated one for hardening (the pod's
     * {@code automountServiceAccountToken} and each container's {@code securityContext}), so the rest can be compared
     * with what Quarkus generates. ServicesHardeningTest checks the added fields themselves.
     */
    static List<JsonNode> withoutHardening(List<JsonNode> documents) {
        List<JsonNode> copies = documents.stream().<JsonNode>map(JsonNode::deepCopy).toList();
        copies.stream().filter(Manifests::isKnativeService).forEach(service -> {
            JsonNode podSpec = service.at("/spec/template/spec");
            if (podSpec instanceof ObjectNode pod) {
                pod.remove("automountServiceAccountToken");
                pod.path("containers").forEach(container -> ((ObjectNode) container).remove("securityContext"));
            }
        });
        return copies;
    }

    /**
     * What infra/generate.sh does to a generated manifest: Quarkus 3.34.2 sets the port of every HTTP probe to null,
     * which the Service schema rejects; without a port, Knative probes the container's port.
     */
    static List<JsonNode> withoutNullProbePorts(List<JsonNode> documents) {
        List<JsonNode> copies = documents.stream().<JsonNode>map(JsonNode::deepCopy).toList();
        copies.forEach(copy -> copy.findParents("httpGet").forEach(parent -> {
            JsonNode httpGet = parent.get("httpGet");
            if (httpGet instanceof ObjectNode action && action.has("port") && action.get("port").isNull()) {
                action.remove("port");
            }
        }));
        return copies;
    }
}
