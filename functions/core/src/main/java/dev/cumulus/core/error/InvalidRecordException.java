package dev.cumulus.core.error;

import java.util.Map;

/**
 * Thrown when a record of a CSV or JSON Lines source cannot be read, or is not what the format asks for: a quoted
 * field left open on its line (a line break inside quotes, which is not supported), text after a closing quote, a
 * line that is not one JSON object, a record without the value when {@code missing} is {@code error}, a line longer
 * than the limit, or gzip data that is corrupt or cut short. Names the object, the line and byte offset and, where
 * there is one, the column or field; it never quotes the record.
 */
public class InvalidRecordException extends CumulusException {

    private final transient Map<String, Object> details;

    private InvalidRecordException(String message, Map<String, Object> details) {
        super(ErrorCode.INVALID_RECORD, message);
        this.details = details;
    }

    /**
     * @param where {@code column 'amount'}, {@code field 'order.total'}, or {@code null} when the whole record is wrong
     * @param reason what is wrong, without the record's text
     */
    public static InvalidRecordException at(RecordSite site, String where, String reason) {
        return new InvalidRecordException(site.describe() + (where == null ? "" : ", " + where) + ": " + reason,
                site.details(where));
    }

    /** A problem of the object as a whole (such as gzip data that is not gzip), named by its redacted URL. */
    public static InvalidRecordException ofObject(String source, String reason) {
        return new InvalidRecordException(source + ": " + reason, Map.of("source", source));
    }

    @Override
    public Object details() {
        return details;
    }
}
