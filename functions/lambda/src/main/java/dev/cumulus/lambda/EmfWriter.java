package dev.cumulus.lambda;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Renders metric values as CloudWatch Embedded Metric Format documents, one JSON object per line: the values that
 * share one set of dimension values go in one document, at most {@link #MAX_METRICS} of them (CloudWatch's limit).
 */
final class EmfWriter {

    /** The most metrics CloudWatch takes from one document. */
    static final int MAX_METRICS = 100;

    /** One value: its name, its CloudWatch unit, and its dimensions (tag key to value). */
    record Value(String name, String unit, double value, SortedMap<String, String> dimensions) {
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final String namespace;

    EmfWriter(String namespace) {
        this.namespace = namespace;
    }

    /** The documents of {@code values}, stamped {@code timestamp} (epoch milliseconds). */
    List<String> render(List<Value> values, long timestamp) {
        Map<SortedMap<String, String>, List<Value>> byDimensions = new LinkedHashMap<>();
        for (Value v : values) {
            byDimensions.computeIfAbsent(v.dimensions(), d -> new ArrayList<>()).add(v);
        }
        List<String> lines = new ArrayList<>();
        byDimensions.forEach((dimensions, group) -> {
            for (int from = 0; from < group.size(); from += MAX_METRICS) {
                lines.add(document(dimensions, group.subList(from, Math.min(group.size(), from + MAX_METRICS)),
                        timestamp));
            }
        });
        return lines;
    }

    private String document(SortedMap<String, String> dimensions, List<Value> values, long timestamp) {
        ObjectNode root = mapper.createObjectNode();
        ObjectNode aws = root.putObject("_aws");
        aws.put("Timestamp", timestamp);
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", namespace);
        ArrayNode keys = directive.putArray("Dimensions").addArray();
        dimensions.keySet().forEach(keys::add);
        ArrayNode metrics = directive.putArray("Metrics");
        dimensions.forEach(root::put);
        for (Value v : values) {
            metrics.addObject().put("Name", v.name()).put("Unit", v.unit());
            root.put(v.name(), v.value());
        }
        try {
            return mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an EMF document could not be written", e);
        }
    }
}
