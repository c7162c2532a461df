package dev.cumulus.core.log;

import java.util.logging.Handler;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.handlers.ConsoleHandler;

import io.quarkus.runtime.StartupEvent;

/**
 * Puts {@link JsonLogFormatter} on the console when {@code cumulus.log.format=json}, as the app starts: before the
 * first request, and before the line saying the app started; the few lines of the start before it (a schema
 * migration, say) keep the text format. The console handler is found below the root logger's handlers, also inside
 * the asynchronous handler that {@code quarkus.log.console.async} puts in front of it.
 */
@ApplicationScoped
public class LogFormat {

    void install(@Observes @Priority(1) StartupEvent started, LogConfig config) {
        if (config.format() == LogConfig.Format.JSON) {
            JsonLogFormatter json = new JsonLogFormatter();
            for (Handler handler : LogContext.getLogContext().getLogger("").getHandlers()) {
                setOnConsoles(handler, json);
            }
        }
    }

    /** Sets {@code formatter} on every console handler at or below {@code handler}; answers how many. */
    static int setOnConsoles(Handler handler, JsonLogFormatter formatter) {
        int set = 0;
        if (handler instanceof ConsoleHandler console) {
            console.setFormatter(formatter);
            set++;
        }
        if (handler instanceof ExtHandler parent) {
            for (Handler child : parent.getHandlers()) {
                set += setOnConsoles(child, formatter);
            }
        }
        return set;
    }
}
