package dev.cumulus.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;

import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.handlers.AsyncHandler;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class JsonLogFormatterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonLogFormatter formatter = new JsonLogFormatter();

    @Test
    void fieldsOfALine_eachAFieldOfItsOwn_withTheirTypes() throws Exception {
        LogFields fields = new LogFields("request").put("method", "POST").put("status", 200).put("durationMs", 0.4)
                .put("requestId", "r-1").put("jobId", null).put("retried", false);

        JsonNode line = parse(record(Level.INFO, fields));

        assertThat(line.get("message").asText()).isEqualTo("request");
        assertThat(line.get("level").asText()).isEqualTo("INFO");
        assertThat(line.get("logger").asText()).isEqualTo("dev.cumulus.request");
        assertThat(line.get("method").asText()).isEqualTo("POST");
        assertThat(line.get("status").isIntegralNumber()).isTrue();
        assertThat(line.get("status").asInt()).isEqualTo(200);
        assertThat(line.get("durationMs").asDouble()).isEqualTo(0.4);
        assertThat(line.get("retried").isBoolean()).isTrue();
        assertThat(line.get("requestId").asText()).isEqualTo("r-1");
        assertThat(line.has("jobId")).as("a null field is left out").isFalse();
        assertThat(line.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }

    @Test
    void quotesAndLineBreaksInAValue_escaped_oneLineThatParses() throws Exception {
        LogFields fields = new LogFields("request").put("path", "/a\"b\n{\"forged\":true}\\");

        String text = formatter.format(record(Level.INFO, fields));

        assertThat(text.strip()).doesNotContain("\n");
        JsonNode line = JSON.readTree(text);
        assertThat(line.get("path").asText()).isEqualTo("/a\"b\n{\"forged\":true}\\");
        assertThat(line.has("forged")).isFalse();
    }

    @Test
    void plainMessageWithParametersAndAFailure_formatted_withItsStackTrace() throws Exception {
        ExtLogRecord record = new ExtLogRecord(Level.WARNING, "job %s failed after %d tries",
                ExtLogRecord.FormatStyle.PRINTF, JsonLogFormatterTest.class.getName());
        record.setLoggerName("dev.cumulus.jobs");
        record.setParameters(new Object[]{"j-1", 3});
        record.setThrown(new IllegalStateException("boom"));

        JsonNode line = JSON.readTree(formatter.format(record));

        assertThat(line.get("message").asText()).isEqualTo("job j-1 failed after 3 tries");
        assertThat(line.get("level").asText()).isEqualTo("WARNING");
        assertThat(line.get("exception").asText()).isEqualTo(IllegalStateException.class.getName());
        assertThat(line.get("stackTrace").asText()).contains("boom").contains("JsonLogFormatterTest");
    }

    @Test
    void textOfTheFields_messageThenPairsInOrder() {
        LogFields fields = new LogFields("request").put("method", "GET").put("status", 404).put("skipped", null)
                .put("requestId", "r-2").put("status", 500);

        assertThat(fields.toString()).isEqualTo("request method=GET status=500 requestId=r-2");
        assertThat(new LogFields("request").putAll(fields).put("count", 3).toString())
                .isEqualTo("request method=GET status=500 requestId=r-2 count=3");
    }

    @Test
    void consoleBehindAnAsyncHandler_getsTheFormatter() {
        ConsoleHandler console = new ConsoleHandler();
        AsyncHandler async = new AsyncHandler();
        async.addHandler(console);

        assertThat(LogFormat.setOnConsoles(async, formatter)).isEqualTo(1);
        assertThat(console.getFormatter()).isSameAs(formatter);
    }

    private JsonNode parse(ExtLogRecord record) throws Exception {
        return JSON.readTree(formatter.format(record));
    }

    private static ExtLogRecord record(Level level, LogFields fields) {
        ExtLogRecord record = new ExtLogRecord(level, "%s", ExtLogRecord.FormatStyle.PRINTF,
                StructuredLog.class.getName());
        record.setLoggerName("dev.cumulus.request");
        record.setParameters(new Object[]{fields});
        return record;
    }
}
