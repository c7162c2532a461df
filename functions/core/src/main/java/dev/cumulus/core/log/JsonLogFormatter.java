package dev.cumulus.core.log;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;

import org.jboss.logmanager.ExtFormatter;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Writes each log record as one line of JSON, for the log collectors of the platforms (CloudWatch Logs on Lambda, a
 * cluster's collector on Knative): {@code timestamp}, {@code level}, {@code logger}, {@code message}, then every
 * field of a {@link LogFields} logged as the record's parameter (the request line's ids, status and duration) and of
 * the thread's MDC, each as a field of its own, then {@code thread}, and for a failure {@code exception} and
 * {@code stackTrace}. Every string is escaped as JSON requires, so no value can end the line or forge a field. The
 * line is written straight into one buffer: this runs once per request.
 */
public final class JsonLogFormatter extends ExtFormatter {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    @Override
    public String format(ExtLogRecord record) {
        StringBuilder json = new StringBuilder(384).append('{');
        string(json, "timestamp", Instant.ofEpochMilli(record.getMillis()).toString());
        string(json.append(','), "level", record.getLevel().getName());
        string(json.append(','), "logger", record.getLoggerName());
        LogFields fields = fieldsOf(record);
        string(json.append(','), "message", fields != null ? fields.message() : formatMessage(record));
        if (fields != null) {
            for (Map.Entry<String, Object> field : fields.asMap().entrySet()) {
                value(json.append(','), field.getKey(), field.getValue());
            }
        }
        for (Map.Entry<String, String> entry : record.getMdcCopy().entrySet()) {
            string(json.append(','), entry.getKey(), entry.getValue());
        }
        string(json.append(','), "thread", record.getThreadName());
        Throwable thrown = record.getThrown();
        if (thrown != null) {
            string(json.append(','), "exception", thrown.getClass().getName());
            StringWriter trace = new StringWriter();
            thrown.printStackTrace(new PrintWriter(trace));
            string(json.append(','), "stackTrace", trace.toString());
        }
        return json.append('}').append(System.lineSeparator()).toString();
    }

    /** No caller (class, method, line) is written, so none need be found by walking the stack of each record. */
    @Override
    public boolean isCallerCalculationRequired() {
        return false;
    }

    /** The fields of a structured line: the record's only parameter. */
    private static LogFields fieldsOf(ExtLogRecord record) {
        Object[] parameters = record.getParameters();
        return parameters != null && parameters.length == 1 && parameters[0] instanceof LogFields f ? f : null;
    }

    private static void value(StringBuilder json, String key, Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Boolean
                || (value instanceof Double d && Double.isFinite(d))) {
            quoted(json, key).append(':').append(value);
        } else {
            string(json, key, String.valueOf(value));
        }
    }

    private static void string(StringBuilder json, String key, String value) {
        quoted(json, key).append(':');
        if (value == null) {
            json.append("null");
        } else {
            quoted(json, value);
        }
    }

    private static StringBuilder quoted(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        json.append("\\u00").append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
                        if (c > 0xFF) { // the line separators: escape all four hex digits
                            json.setLength(json.length() - 6);
                            json.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xF])
                                    .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
                        }
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }
}
