package dev.cumulus.core.log;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

import org.jboss.logmanager.ExtFormatter;
import org.jboss.logmanager.ExtLogRecord;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Writes each log record as one line of JSON, for the log collectors of the platforms (CloudWatch Logs on Lambda, a
 * cluster's collector on Knative): {@code timestamp}, {@code level}, {@code logger}, {@code message}, then every
 * field of a {@link LogFields} logged as the record's parameter (the request line's ids, status and duration) and of
 * the thread's MDC, each as a field of its own, then {@code thread}, and for a failure {@code exception} and
 * {@code stackTrace}. Every string is escaped, so no value can end the line or forge a field.
 */
public final class JsonLogFormatter extends ExtFormatter {

    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public String format(ExtLogRecord record) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("timestamp", Instant.ofEpochMilli(record.getMillis()).toString());
            json.writeStringField("level", record.getLevel().getName());
            json.writeStringField("logger", record.getLoggerName());
            LogFields fields = fieldsOf(record);
            json.writeStringField("message", fields != null ? fields.message() : formatMessage(record));
            if (fields != null) {
                for (Map.Entry<String, Object> field : fields.asMap().entrySet()) {
                    write(json, field.getKey(), field.getValue());
                }
            }
            for (Map.Entry<String, String> entry : record.getMdcCopy().entrySet()) {
                json.writeStringField(entry.getKey(), entry.getValue());
            }
            json.writeStringField("thread", record.getThreadName());
            Throwable thrown = record.getThrown();
            if (thrown != null) {
                json.writeStringField("exception", thrown.getClass().getName());
                StringWriter trace = new StringWriter();
                thrown.printStackTrace(new PrintWriter(trace));
                json.writeStringField("stackTrace", trace.toString());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.append(System.lineSeparator()).toString();
    }

    /** The fields of a structured line: the record's only parameter, with a message that has no placeholder. */
    private static LogFields fieldsOf(ExtLogRecord record) {
        Object[] parameters = record.getParameters();
        return parameters != null && parameters.length == 1 && parameters[0] instanceof LogFields f ? f : null;
    }

    private static void write(JsonGenerator json, String key, Object value) throws IOException {
        if (value instanceof Integer || value instanceof Long) {
            json.writeNumberField(key, ((Number) value).longValue());
        } else if (value instanceof Double d) {
            json.writeNumberField(key, d);
        } else if (value instanceof Boolean b) {
            json.writeBooleanField(key, b);
        } else {
            json.writeStringField(key, String.valueOf(value));
        }
    }
}
