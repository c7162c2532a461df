package dev.cumulus.core.format;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import dev.cumulus.core.error.InvalidNumberException;
import dev.cumulus.core.number.DecimalAccumulator;
import dev.cumulus.core.number.DecimalParser;

/**
 * Reads one field of a JSON Lines record: the line must be one JSON object, read whole by Jackson's streaming parser
 * (so a broken line is refused even past the field), with a key repeated in an object refused rather than one of its
 * values picked. The value is a JSON number, taken as the text it was written in, or a string holding a decimal; both
 * go to {@link DecimalParser}, so no value passes through a {@code double}. A missing key, {@code null}, an empty
 * string, or a path through something that is not an object, is a record without a value.
 */
final class JsonFields implements FieldReader {

    /** Deepest nesting of objects and arrays in one record. */
    static final int MAX_DEPTH = 64;

    private final JsonFactory factory;
    private final String[] path;
    private final DecimalParser parser;

    /** @param maxLineLength also bounds each number, string and key, which cannot be longer than their line */
    JsonFields(String[] path, DecimalParser parser, int maxLineLength) {
        this.path = path;
        this.parser = parser;
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                        .maxNumberLength(maxLineLength).maxStringLength(maxLineLength)
                        .maxNameLength(maxLineLength).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    }

    @Override
    public boolean blank(byte[] b, int start, int end) {
        for (int i = start; i < end; i++) {
            if (b[i] != ' ' && b[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean read(byte[] b, int start, int end, DecimalAccumulator acc) {
        try (JsonParser p = factory.createParser(b, start, end - start)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw RecordProblem.record("is not a JSON object");
            }
            boolean found = object(p, 0, acc);
            if (p.nextToken() != null) {
                throw RecordProblem.record("holds more than one JSON value");
            }
            return found;
        } catch (StreamConstraintsException e) {
            throw RecordProblem.record("is nested deeper than " + MAX_DEPTH + " levels");
        } catch (JsonProcessingException e) {
            // the parser's message may quote the line: not passed on
            throw RecordProblem.record("is not valid JSON, or repeats a key within one object");
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading from an array: never happens
        }
    }

    /** Reads an object's members up to its end; true when the value at {@code path[depth..]} was added. */
    private boolean object(JsonParser p, int depth, DecimalAccumulator acc) throws IOException {
        boolean found = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            boolean onPath = p.currentName().equals(path[depth]);
            JsonToken value = p.nextToken();
            if (onPath && depth == path.length - 1) {
                found = value(p, value, acc);
            } else if (onPath && value == JsonToken.START_OBJECT) {
                found = object(p, depth + 1, acc);
            } else {
                p.skipChildren();
            }
        }
        return found;
    }

    private boolean value(JsonParser p, JsonToken token, DecimalAccumulator acc) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return false;
        }
        if (token == JsonToken.VALUE_STRING && p.getTextLength() == 0) {
            return false;
        }
        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT
                && token != JsonToken.VALUE_STRING) {
            throw RecordProblem.value("is not a number or a string holding one");
        }
        String text = p.getText();
        DecimalParser.Outcome outcome = parser.parse(text, acc);
        if (outcome == DecimalParser.Outcome.NUMBER) {
            return true;
        }
        throw RecordProblem.number(text, outcome == DecimalParser.Outcome.OUT_OF_BOUNDS
                ? "is out of bounds: " + parser.limits().describe()
                : InvalidNumberException.NOT_A_NUMBER);
    }
}
