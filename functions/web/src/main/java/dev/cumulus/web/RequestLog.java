package dev.cumulus.web;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.cumulus.core.log.LogFields;
import dev.cumulus.core.log.StructuredLog;
import dev.cumulus.core.request.SafeId;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * One log line per request, without payloads, written when the response has gone out: method, path, status
 * ({@code callerGone} instead when the caller closed the connection first), duration, bytes in and out, the request
 * id, the trace id of an incoming {@code traceparent}, then the facts the function added ({@link VertxRequestLine}: a
 * job id, a count). The id comes from {@code X-Request-Id}, else from a CloudEvent's {@code ce-id}, else is made up;
 * it is echoed in the {@code X-Request-Id} response header. Health probes and metrics log at debug level only. The
 * line is handed to the log manager as fields and becomes text (or JSON) in the console's handler.
 */
@ApplicationScoped
public class RequestLog {

    public static final String HEADER = "X-Request-Id";
    static final String KEY = "cumulus.request-id";
    static final String FIELDS_KEY = "cumulus.request-line";

    private static final StructuredLog LOG = new StructuredLog("dev.cumulus.request");
    /** Before every other route, so the id and the timer cover the whole request. */
    static final int ORDER = -1000;

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::handle);
    }

    void handle(RoutingContext ctx) {
        long start = System.nanoTime();
        String id = requestId(ctx);
        ctx.response().putHeader(HEADER, id);
        ctx.addEndHandler(done -> {
            String path = ctx.request().path();
            Level level = path.startsWith("/q/") ? Level.FINE : Level.INFO;
            if (!LOG.isLoggable(level)) {
                return;
            }
            LogFields added = ctx.get(FIELDS_KEY);
            // a response that failed (the caller closed the connection first) has no status to tell
            LogFields line = new LogFields("request").put("method", ctx.request().method().name()).put("path", path)
                    .put("status", done.succeeded() ? ctx.response().getStatusCode() : null)
                    .put("callerGone", done.failed() ? Boolean.TRUE : null)
                    .put("durationMs", LogFields.millis(System.nanoTime() - start))
                    .put("bytesIn", ctx.request().bytesRead()).put("bytesOut", ctx.response().bytesWritten())
                    .put("requestId", id);
            VertxIncomingTrace.of(ctx).ifPresent(trace -> line.put("traceId", trace.traceId()));
            if (added != null) {
                line.putAll(added);
            }
            LOG.log(level, line);
        });
        ctx.next();
    }

    /** The id of the request, taken or made once and kept on the routing context. */
    public static String requestId(RoutingContext ctx) {
        String id = ctx.get(KEY);
        if (id == null) {
            id = sanitize(ctx.request().getHeader(HEADER));
            if (id == null) {
                id = sanitize(ctx.request().getHeader("ce-id"));
            }
            if (id == null) {
                id = newId();
            }
            ctx.put(KEY, id);
        }
        return id;
    }

    /**
     * A random id in the form of a version 4 UUID. It only tells requests apart in the logs and is no secret, so it
     * comes from the thread's own generator, not from {@code SecureRandom}, whose shared lock every request would
     * queue on.
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /** The id when it is safe in a header and a log line ({@link SafeId}), else {@code null}. */
    static String sanitize(String id) {
        return SafeId.of(id).orElse(null);
    }
}
