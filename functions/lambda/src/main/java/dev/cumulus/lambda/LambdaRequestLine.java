package dev.cumulus.lambda;

import java.util.logging.Level;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.cumulus.core.log.LogFields;
import dev.cumulus.core.log.StructuredLog;
import dev.cumulus.core.request.IncomingTrace;
import dev.cumulus.core.request.RequestLine;
import dev.cumulus.core.request.SafeId;
import dev.cumulus.core.request.TraceContext;

/**
 * The line of one Lambda invocation. Lambda has no end-of-response hook for the function, so the line is written
 * when the function closes it: the function's name, the invocation's request id where the handler knows it
 * ({@link CumulusStreamHandler}, on the managed runtime), the trace id of the caller's {@code traceparent}, the time since the function opened it, and the facts the
 * function added. A failed invocation is logged by the runtime ({@link LambdaErrorLogFilter}).
 */
@ApplicationScoped
public class LambdaRequestLine implements RequestLine {

    private static final StructuredLog LOG = new StructuredLog("dev.cumulus.request");
    private static final ThreadLocal<String> INVOCATION = new ThreadLocal<>();

    private final String function;
    private final IncomingTrace trace;

    LambdaRequestLine(@ConfigProperty(name = "quarkus.application.name") String function, IncomingTrace trace) {
        this.function = function;
        this.trace = trace;
    }

    /** The Lambda request id of the invocation this thread serves (when safe in a log line), {@code null} once it ended. */
    static void invocation(String awsRequestId) {
        String safe = SafeId.of(awsRequestId).orElse(null);
        if (safe == null) {
            INVOCATION.remove();
        } else {
            INVOCATION.set(safe);
        }
    }

    @Override
    public LogFields open() {
        return new LogFields("request").put("function", function).put("requestId", INVOCATION.get())
                .put("traceId", trace.current().map(TraceContext::traceId).orElse(null));
    }

    @Override
    public void close(LogFields fields) {
        LOG.log(Level.INFO, fields.put("durationMs", fields.millisSinceOpened()));
    }
}
