package dev.cumulus.core.json;

import java.util.List;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import dev.cumulus.core.error.InvalidInputException;

/**
 * The answer to a request body that Jackson could not read into a function's input: {@code INVALID_INPUT}, naming
 * the field ({@code source.offset}, {@code values[2]}) when there is one. The parser's own message is never used: it
 * can quote the payload.
 */
public final class JsonRefusals {

    /** Longest field path echoed back; a field name is the caller's text. */
    static final int MAX_PATH = 200;

    private JsonRefusals() {
    }

    public static InvalidInputException answer(JsonProcessingException e) {
        // a mapping error may only wrap what the parser found (a truncated body, a limit): that decides
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StreamConstraintsException) {
                return InvalidInputException.malformed("the request body is beyond the parser's limits (nesting depth, "
                        + "or length of a number, string or name)");
            }
            if (t instanceof JsonParseException) {
                return InvalidInputException.malformed("the request body is not valid JSON");
            }
        }
        if (!(e instanceof JsonMappingException mapping)) {
            return InvalidInputException.malformed("the request body is not valid JSON");
        }
        String field = path(mapping.getPath());
        if (e instanceof UnrecognizedPropertyException unknown) {
            TreeSet<String> known = new TreeSet<>();
            if (unknown.getKnownPropertyIds() != null) {
                unknown.getKnownPropertyIds().forEach(id -> known.add(String.valueOf(id)));
            }
            return new InvalidInputException(field == null ? "?" : field,
                    "unknown field" + (known.isEmpty() ? "" : "; the fields here are " + String.join(", ", known)));
        }
        return field == null
                ? InvalidInputException.malformed("the request body does not fit this function's input")
                : new InvalidInputException(field, "has the wrong type");
    }

    /** {@code source.offset}, {@code values[2]}; {@code null} for the whole body. */
    static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(safe(reference.getFieldName()));
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        if (path.isEmpty()) {
            return null;
        }
        return path.length() > MAX_PATH ? path.substring(0, MAX_PATH) + "..." : path.toString();
    }

    /** Printable ASCII only, so a field name cannot forge a log line or hide in an answer. */
    private static String safe(String name) {
        StringBuilder safe = new StringBuilder(Math.min(name.length(), MAX_PATH));
        for (int i = 0; i < name.length() && safe.length() < MAX_PATH; i++) {
            char c = name.charAt(i);
            safe.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return safe.toString();
    }
}
