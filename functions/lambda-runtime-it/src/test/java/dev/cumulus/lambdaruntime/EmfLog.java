package dev.cumulus.lambdaruntime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The CloudWatch Embedded Metric Format documents in a function's log: the lines that are JSON objects with an
 * {@code _aws} member, which CloudWatch Logs turns into metrics.
 */
final class EmfLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EmfLog() {
    }

    /** The EMF documents of {@code log}, in the order they were written. */
    static List<JsonNode> documents(String log) {
        List<JsonNode> documents = new ArrayList<>();
        log.lines().filter(line -> line.startsWith("{\"_aws\"")).forEach(line -> {
            try {
                documents.add(JSON.readTree(line));
            } catch (JsonProcessingException e) {
                throw new AssertionError("an EMF line that is not JSON: " + line, e);
            }
        });
        return documents;
    }

    /**
     * Each metric's values added up over the documents of {@code log}, keyed by its name and its dimensions
     * ({@code name{key=value,...}}, the keys in the document's order, which the registry sorts): each document holds the increase since the one before, so the
     * sum is the count since the start.
     */
    static Map<String, Double> totals(String log) {
        Map<String, Double> totals = new TreeMap<>();
        for (JsonNode document : documents(log)) {
            JsonNode directive = document.get("_aws").get("CloudWatchMetrics").get(0);
            StringJoiner dimensions = new StringJoiner(",", "{", "}");
            directive.get("Dimensions").get(0).forEach(key -> dimensions.add(key.asText() + "="
                    + document.get(key.asText()).asText()));
            for (JsonNode metric : directive.get("Metrics")) {
                String name = metric.get("Name").asText();
                totals.merge(name + dimensions, document.get(name).asDouble(), Double::sum);
            }
        }
        return totals;
    }

    /** The increase of {@code key} (as {@link #totals} names it) between two readings; 0 where it is absent. */
    static double increase(Map<String, Double> before, Map<String, Double> after, String key) {
        return after.getOrDefault(key, 0.0) - before.getOrDefault(key, 0.0);
    }
}
