package dev.cumulus.core.log;

import java.util.logging.Level;

import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Logger;

/**
 * Logs a {@link LogFields} as one line: as text its message and {@code key=value} pairs, as JSON a field each
 * ({@link JsonLogFormatter}). The line is only turned into text by the handler that writes it (on the console's own
 * thread where {@code quarkus.log.console.async} is on).
 */
public final class StructuredLog {

    private static final String FQCN = StructuredLog.class.getName();

    private final Logger logger;

    public StructuredLog(String category) {
        this.logger = Logger.getLogger(category);
    }

    public boolean isLoggable(Level level) {
        return logger.isLoggable(level);
    }

    /** Logs the fields at {@code level}; they must not change afterwards. */
    public void log(Level level, LogFields fields) {
        if (!logger.isLoggable(level)) {
            return;
        }
        ExtLogRecord record = new ExtLogRecord(level, "%s", ExtLogRecord.FormatStyle.PRINTF, FQCN);
        record.setParameters(new Object[]{fields});
        logger.logRaw(record);
    }
}
