package dev.cumulus.web;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.cumulus.core.request.SafeId;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * One log line per request, as {@code key=value} pairs and without payloads: method, path, status, duration, bytes
 * in and out, and the request id. The id comes from {@code X-Request-Id}, else from a CloudEvent's {@code ce-id},
 * else is made up; it is echoed in the {@code X-Request-Id} response header. Health probes log at debug level only.
 */
@ApplicationScoped
public class RequestLog {

    public static final String HEADER = "X-Request-Id";
    static final String KEY = "cumulus.request-id";

    private static final Logger LOG = Logger.getLogger("dev.cumulus.request");
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
            boolean probe = path.startsWith("/q/");
            if (probe && !LOG.isDebugEnabled()) {
                return;
            }
            LOG.logf(probe ? Logger.Level.DEBUG : Logger.Level.INFO,
                    "method=%s path=%s status=%d durationMs=%.1f bytesIn=%d bytesOut=%d requestId=%s",
                    ctx.request().method(), path, ctx.response().getStatusCode(), (System.nanoTime() - start) / 1e6,
                    ctx.request().bytesRead(), ctx.response().bytesWritten(), id);
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
                id = UUID.randomUUID().toString();
            }
            ctx.put(KEY, id);
        }
        return id;
    }

    /** The id when it is safe in a header and a log line ({@link SafeId}), else {@code null}. */
    static String sanitize(String id) {
        return SafeId.of(id).orElse(null);
    }
}
