package dev.cumulus.core.error;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Thrown when a value is not a decimal number, or is one beyond the configured bounds (too many significant digits,
 * a scale out of range): names where it stands (array position, or line and byte offset in a source) and the
 * offending text, cut to its first {@value #MAX_TEXT} characters. Nothing else of the request or the source is
 * echoed.
 */
public class InvalidNumberException extends CumulusException {

    /** Why a value is refused when it is not written as a number at all. */
    public static final String NOT_A_NUMBER = "is not a decimal number";

    static final int MAX_TEXT = 40;

    private final String location;
    private final String text;
    private final Map<String, Object> details;

    private InvalidNumberException(String location, String text, String reason, Map<String, Object> details) {
        super(ErrorCode.INVALID_NUMBER, location + ": '" + text + "' " + reason);
        this.location = location;
        this.text = text;
        this.details = details;
    }

    /** A bad element of an inline {@code values} array. */
    public static InvalidNumberException atPosition(int position, String text) {
        return atPosition(position, text, NOT_A_NUMBER);
    }

    /** A bad element of an inline {@code values} array, and why it is refused ({@code "is out of bounds: ..."}). */
    public static InvalidNumberException atPosition(int position, String text, String reason) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("position", position);
        details.put("text", truncate(text));
        return new InvalidNumberException("values[" + position + "]", truncate(text), reason, details);
    }

    /** A bad line of a source: its number counted from the first line the range owns, and its byte offset. */
    public static InvalidNumberException atLine(long line, long byteOffset, String text) {
        return atLine(line, byteOffset, text, NOT_A_NUMBER);
    }

    /** A bad line of a source, and why it is refused. */
    public static InvalidNumberException atLine(long line, long byteOffset, String text, String reason) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("line", line);
        details.put("offset", byteOffset);
        details.put("text", truncate(text));
        return new InvalidNumberException("line " + line + " of the range (byte offset " + byteOffset + ")",
                truncate(text), reason, details);
    }

    /**
     * A bad value in a record of a source (CSV, JSON Lines): the object (redacted), the record's line number counted
     * from the first line the range owns, its byte offset, and where in the record the value stands.
     *
     * @param where {@code column 'amount'}, {@code column 2} or {@code field 'order.total'}
     */
    public static InvalidNumberException inRecord(RecordSite site, String where, String text, String reason) {
        Map<String, Object> details = site.details(where);
        details.put("text", truncate(text));
        return new InvalidNumberException(site.describe() + ", " + where, truncate(text), reason, details);
    }

    /** A bad number in a named field, such as the {@code sum} of a partial result. */
    public static InvalidNumberException inField(String field, String text, String reason) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("field", field);
        details.put("text", truncate(text));
        return new InvalidNumberException(field, truncate(text), reason, details);
    }

    public String location() {
        return location;
    }

    public String text() {
        return text;
    }

    @Override
    public Object details() {
        return details;
    }

    /** The first {@value #MAX_TEXT} characters, control characters shown as {@code ?}; cut first, so it is cheap. */
    static String truncate(String text) {
        boolean cut = text.length() > MAX_TEXT;
        // never half a surrogate pair: a JSON writer may refuse one
        int end = cut && Character.isHighSurrogate(text.charAt(MAX_TEXT - 1)) ? MAX_TEXT - 1 : MAX_TEXT;
        String head = cut ? text.substring(0, end) : text;
        String printable = head.replaceAll("\\p{Cntrl}", "?");
        return cut ? printable + "..." : printable;
    }
}
