package dev.cumulus.lambda;

import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;

import dev.cumulus.core.error.CumulusException;
import io.quarkus.logging.LoggingFilter;

/**
 * Cleans the Lambda runtime's log line of a failed invocation ({@code Failed to run lambda}, at ERROR with the stack
 * trace), which the Lambda flavour's console handler passes through here ({@code quarkus.log.console.filter}). Two
 * kinds of failure are answers, not faults, and become one INFO line without a stack trace: a
 * {@link CumulusException} (its code and message), and an event that is not JSON of the function's input, whose parser
 * message would quote a token of the payload, perhaps a password (only the parser's exception type is kept). Any
 * other failure is a fault and stays as it is.
 */
@LoggingFilter(name = LambdaErrorLogFilter.NAME)
public final class LambdaErrorLogFilter implements Filter {

    public static final String NAME = "cumulus-lambda-errors";
    static final String RUNTIME_LOGGER = "io.quarkus.amazon.lambda.runtime";

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record.getThrown() == null || record.getLoggerName() == null
                || !record.getLoggerName().startsWith(RUNTIME_LOGGER)) {
            return true;
        }
        FunctionErrorException.refusalIn(record.getThrown()).ifPresent(refusal -> rewrite(record,
                refusal instanceof CumulusException answer
                        ? "function error " + answer
                        : "refused an event that is not JSON of this function's input ("
                                + refusal.getClass().getSimpleName() + ")"));
        return true;
    }

    private static void rewrite(LogRecord record, String message) {
        record.setLevel(Level.INFO);
        record.setThrown(null);
        record.setParameters(null);
        if (record instanceof ExtLogRecord ext) {
            ext.setMessage(message, ExtLogRecord.FormatStyle.NO_FORMAT);
        } else {
            record.setMessage(message);
        }
    }
}
