package dev.cumulus.core.format;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.cumulus.core.error.InvalidNumberException;
import dev.cumulus.core.number.DecimalAccumulator;
import dev.cumulus.core.number.DecimalParser;

/**
 * Reads one column of a CSV record (RFC 4180) held on one line: fields are split at the delimiter, a field that
 * starts with a quote runs to the next lone quote ({@code ""} is a quote inside it) and may hold delimiters; a quote
 * inside an unquoted field is plain text. The whole line is scanned, so a quoted field still open at the line end (a
 * line break inside quotes, which the format does not support because every line must be a record for chunk borders
 * to be exact) is refused even when the wanted column comes before it. Bytes are scanned, not decoded: only the
 * wanted field is parsed.
 */
final class CsvFields implements FieldReader {

    static final String OPEN_QUOTE = "a quoted field is not closed on its line (line breaks inside quotes are not "
            + "supported)";

    private final byte delimiter;
    private final int column;
    private final DecimalParser parser;

    CsvFields(byte delimiter, int column, DecimalParser parser) {
        this.delimiter = delimiter;
        this.column = column;
        this.parser = parser;
    }

    @Override
    public boolean read(byte[] b, int start, int end, DecimalAccumulator acc) {
        int valueStart = -1;
        int valueEnd = -1;
        int col = 0;
        int i = start;
        while (true) {
            int contentStart;
            int contentEnd;
            if (i < end && b[i] == '"') {
                contentStart = i + 1;
                contentEnd = closingQuote(b, contentStart, end);
                i = contentEnd + 1;
                if (i < end && b[i] != delimiter) {
                    throw RecordProblem.record("text after the closing quote of field " + col);
                }
            } else {
                contentStart = i;
                while (i < end && b[i] != delimiter) {
                    i++;
                }
                contentEnd = i;
            }
            if (col == column) {
                valueStart = contentStart;
                valueEnd = contentEnd;
            }
            col++;
            if (i >= end) {
                break;
            }
            i++; // the delimiter; a line that ends with one ends with an empty field
        }
        if (valueStart < 0) {
            return false;
        }
        DecimalParser.Outcome outcome = parser.parse(b, valueStart, valueEnd, acc);
        return switch (outcome) {
            case NUMBER -> true;
            case BLANK -> false;
            case INVALID -> throw RecordProblem.number(text(b, valueStart, valueEnd),
                    InvalidNumberException.NOT_A_NUMBER);
            case OUT_OF_BOUNDS -> throw RecordProblem.number(text(b, valueStart, valueEnd),
                    "is out of bounds: " + parser.limits().describe());
        };
    }

    /** The index of the quote that closes a field whose content starts at {@code from}. */
    private static int closingQuote(byte[] b, int from, int end) {
        int i = from;
        while (true) {
            while (i < end && b[i] != '"') {
                i++;
            }
            if (i >= end) {
                throw RecordProblem.record(OPEN_QUOTE);
            }
            if (i + 1 < end && b[i + 1] == '"') {
                i += 2;
                continue;
            }
            return i;
        }
    }

    /** The fields of a header line, decoded as UTF-8, quotes removed and {@code ""} made one quote. */
    static List<String> names(byte[] b, int start, int end, byte delimiter) {
        List<String> names = new ArrayList<>();
        int i = start;
        while (true) {
            String name;
            if (i < end && b[i] == '"') {
                int close = closingQuote(b, i + 1, end);
                name = new String(b, i + 1, close - i - 1, StandardCharsets.UTF_8).replace("\"\"", "\"");
                i = close + 1;
                if (i < end && b[i] != delimiter) {
                    throw RecordProblem.record("text after the closing quote of field " + names.size());
                }
            } else {
                int s = i;
                while (i < end && b[i] != delimiter) {
                    i++;
                }
                name = new String(b, s, i - s, StandardCharsets.UTF_8);
            }
            names.add(name);
            if (i >= end) {
                return names;
            }
            i++;
        }
    }

    /** A value's text for an error: a few bytes more than the error shows, never the rest of the record. */
    static String text(byte[] b, int from, int to) {
        return new String(b, from, Math.min(to - from, 4 * 41), StandardCharsets.UTF_8);
    }
}
