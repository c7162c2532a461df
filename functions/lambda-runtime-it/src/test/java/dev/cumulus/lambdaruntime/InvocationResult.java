package dev.cumulus.lambdaruntime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the function posted for one event: its response, or its error document ({@code errorMessage},
 * {@code errorType}, {@code stackTrace}) with the {@code Lambda-Runtime-Function-Error-Type} header.
 */
record InvocationResult(String requestId, boolean failed, String body, String errorTypeHeader) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The response document; fails the test, showing the error, when the function failed instead. */
    JsonNode response() {
        if (failed) {
            throw new AssertionError("expected a response to " + requestId + " but the function failed: " + body);
        }
        return parse();
    }

    /** The error document; fails the test, showing the response, when the function answered instead. */
    JsonNode error() {
        if (!failed) {
            throw new AssertionError("expected an error for " + requestId + " but the function answered: " + body);
        }
        return parse();
    }

    private JsonNode parse() {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
