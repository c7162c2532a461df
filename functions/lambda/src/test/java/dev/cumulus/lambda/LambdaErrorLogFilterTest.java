package dev.cumulus.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParseException;

import dev.cumulus.core.error.InvalidInputException;
import dev.cumulus.core.error.UsernameTakenException;

class LambdaErrorLogFilterTest {

    final LambdaErrorLogFilter filter = new LambdaErrorLogFilter();

    static ExtLogRecord failedInvocation(Throwable thrown) {
        ExtLogRecord record = new ExtLogRecord(org.jboss.logmanager.Level.ERROR, "Failed to run lambda (%s)",
                ExtLogRecord.FormatStyle.PRINTF, LambdaErrorLogFilterTest.class.getName());
        record.setParameters(new Object[]{"req-1"});
        record.setLoggerName("io.quarkus.amazon.lambda.runtime.AbstractLambdaPollLoop");
        record.setThrown(thrown);
        return record;
    }

    @Test
    void payloadThatIsNotJson_oneInfoLineWithoutTheParserMessage() {
        ExtLogRecord record = failedInvocation(
                new IllegalArgumentException("Could not deserialize the provided message.",
                        new JsonParseException(null, "Unrecognized token 'hunter2hunter2': was expecting ...")));

        assertThat(filter.isLoggable(record)).isTrue();

        assertThat(record.getLevel()).isEqualTo(Level.INFO);
        assertThat(record.getThrown()).isNull();
        assertThat(record.getFormattedMessage()).isEqualTo(
                "refused an event that is not JSON of this function's input (JsonParseException)");
    }

    @Test
    void answerOfTheFunction_oneInfoLineWithItsCode() {
        ExtLogRecord record = failedInvocation(new RuntimeException(new UsernameTakenException()));

        filter.isLoggable(record);

        assertThat(record.getLevel()).isEqualTo(Level.INFO);
        assertThat(record.getThrown()).isNull();
        assertThat(record.getFormattedMessage())
                .isEqualTo("function error USERNAME_TAKEN: this username is already taken");
    }

    @Test
    void fault_keptWithItsStackTrace() {
        IllegalStateException bug = new IllegalStateException("bug");
        ExtLogRecord record = failedInvocation(bug);

        assertThat(filter.isLoggable(record)).isTrue();

        assertThat(record.getLevel()).isEqualTo(org.jboss.logmanager.Level.ERROR);
        assertThat(record.getThrown()).isSameAs(bug);
        assertThat(record.getFormattedMessage()).isEqualTo("Failed to run lambda (req-1)");
    }

    @Test
    void otherLoggers_untouched() {
        ExtLogRecord record = failedInvocation(new InvalidInputException("password", "is required"));
        record.setLoggerName("dev.cumulus.sumchunk.SumChunkService");

        filter.isLoggable(record);

        assertThat(record.getLevel()).isEqualTo(org.jboss.logmanager.Level.ERROR);
        assertThat(record.getThrown()).isNotNull();
    }
}
