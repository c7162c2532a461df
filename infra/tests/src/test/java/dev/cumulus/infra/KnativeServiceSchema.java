package dev.cumulus.infra;

import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;

/**
 * The schema a cluster with Knative Serving checks every {@code serving.knative.dev/v1} Service against: the
 * {@code openAPIV3Schema} of the Service CRD, validated here with a JSON Schema validator in the OpenAPI 3.0 dialect.
 */
final class KnativeServiceSchema {

    static final String CRD_FILE = "knative-serving-service-crd.yaml";

    private final JsonSchema schema;

    private KnativeServiceSchema(JsonSchema schema) {
        this.schema = schema;
    }

    static KnativeServiceSchema load(Path schemas) {
        JsonNode crd = Manifests.read(schemas.resolve(CRD_FILE)).get(0);
        JsonNode openApi = version(crd, "v1").path("schema").path("openAPIV3Schema");
        if (!openApi.isObject()) {
            throw new IllegalStateException(CRD_FILE + " has no openAPIV3Schema for v1");
        }
        ObjectNode closed = openApi.deepCopy();
        closeObjects(closed);
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
                builder -> builder.metaSchema(OpenApi30.getInstance())
                        .defaultMetaSchemaIri(OpenApi30.getInstance().getIri()));
        return new KnativeServiceSchema(factory.getSchema(closed));
    }

    /** What the schema says is wrong with the document, one line per fault; empty when it is valid. */
    List<String> violations(JsonNode document) {
        return schema.validate(document).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    private static JsonNode version(JsonNode crd, String name) {
        for (JsonNode version : crd.path("spec").path("versions")) {
            if (name.equals(version.path("name").asText())) {
                return version;
            }
        }
        throw new IllegalStateException(CRD_FILE + " has no version " + name);
    }

    /**
     * A field the schema does not know is an error here, as it is for {@code kubectl apply} (strict field
     * validation, its default), where the API server would otherwise drop it without a word. So every object with
     * declared properties gets {@code additionalProperties: false}, except where the schema keeps unknown fields.
     */
    private static void closeObjects(JsonNode node) {
        if (node instanceof ObjectNode object && object.has("properties")
                && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)
                && !object.has("additionalProperties")) {
            object.put("additionalProperties", false);
        }
        node.forEach(KnativeServiceSchema::closeObjects);
    }
}
