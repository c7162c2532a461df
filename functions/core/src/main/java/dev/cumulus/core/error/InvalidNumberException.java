package dev.cumulus.core.error;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Thrown when a value is not a decimal number: names where it stands (array position, or line and byte offset in a
 * source) and the offending text, cut to {@value #MAX_TEXT} characters.
 */
public class InvalidNumberException extends CumulusException {

    static final int MAX_TEXT = 40;

    private final String location;
    private final String text;
    private final Map<String, Object> details;

    private InvalidNumberException(String location, String text, Map<String, Object> details) {
        super(ErrorCode.INVALID_NUMBER, location + ": '" + text + "' is not a decimal number");
        this.location = location;
        this.text = text;
        this.details = details;
    }

    /** A bad element of an inline {@code values} array. */
    public static InvalidNumberException atPosition(int position, String text) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("position", position);
        details.put("text", truncate(text));
        return new InvalidNumberException("values[" + position + "]", truncate(text), details);
    }

    /** A bad line of a source: its number counted from the first line the range owns, and its byte offset. */
    public static InvalidNumberException atLine(long line, long byteOffset, String text) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("line", line);
        details.put("offset", byteOffset);
        details.put("text", truncate(text));
        return new InvalidNumberException("line " + line + " of the range (byte offset " + byteOffset + ")",
                truncate(text), details);
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

    static String truncate(String text) {
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= MAX_TEXT ? printable : printable.substring(0, MAX_TEXT) + "...";
    }
}
