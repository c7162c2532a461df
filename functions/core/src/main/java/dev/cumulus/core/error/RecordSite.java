package dev.cumulus.core.error;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a record of a source stands, for error answers: the object (its URL redacted, as
 * {@code SourceReader.redact} gives it), the record's line number counted from the first line the range owns, and its
 * byte offset in the object (in the decompressed bytes of a gzip object).
 */
public record RecordSite(String source, long line, long offset) {

    /** {@code line 3 of the range (byte offset 120) of https://host/orders.csv}. */
    public String describe() {
        return "line " + line + " of the range (byte offset " + offset + ") of " + source;
    }

    /** {@code source}, {@code line}, {@code offset} and, when given, {@code where} as {@code at}. */
    Map<String, Object> details(String where) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("source", source);
        details.put("line", line);
        details.put("offset", offset);
        if (where != null) {
            details.put("at", where);
        }
        return details;
    }
}
