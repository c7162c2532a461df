package dev.cumulus.sumchunk;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cumulus.core.chunk.ChunkRequest;
import dev.cumulus.core.chunk.ChunkResult;
import dev.cumulus.tracing.ServerSpan;
import dev.cumulus.tracing.ServerSpans;
import dev.cumulus.web.RequestGuard;
import dev.cumulus.web.VertxIncomingTrace;
import dev.cumulus.web.VertxRequestLine;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The hot path of the HTTP flavour: a plain JSON {@code POST /sum-chunk} of inline values whose body is at most
 * {@value #MAX_INLINE_BYTES} bytes is summed right here, on the event loop that read it, with the same service, the
 * same checks and the same answer as the function, but without handing it to a worker thread and back. Such a chunk
 * is bounded work (at most some thousands of values, each within {@code cumulus.numbers.*}) and reads nothing
 * else. Everything else passes on to Funqy, which runs the function on a worker thread: a source to read, a larger
 * body, a CloudEvent.
 */
@ApplicationScoped
public class InlineValuesRoute {

    /** The largest body summed on the event loop: 64 KiB, about 5,000 short values, well under a millisecond. */
    static final int MAX_INLINE_BYTES = 64 * 1024;

    private final SumChunkService service;
    private final ServerSpans spans;
    private final ObjectMapper mapper;

    InlineValuesRoute(SumChunkService service, ServerSpans spans, ObjectMapper mapper) {
        this.service = service;
        this.spans = spans;
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        // after the guard, which refuses other methods and bodiless requests as for Funqy's paths
        router.post("/sum-chunk").order(RequestGuard.FUNCTION_ROUTES + 2).handler(this::handle);
    }

    void handle(RoutingContext ctx) {
        var body = ctx.body();
        if (ctx.request().getHeader("ce-id") != null || !isPlainJson(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE))
                || body == null || body.buffer() == null || body.length() > MAX_INLINE_BYTES) {
            ctx.next();
            return;
        }
        ChunkRequest request;
        try {
            request = mapper.readValue(body.buffer().getBytes(), ChunkRequest.class);
        } catch (IOException e) {
            ctx.fail(e); // the shared failure handler answers as it does for Funqy's refusal of the same body
            return;
        }
        if (request == null || request.values() == null) {
            ctx.next(); // a source to read (Funqy reads the body again: it is small), or an empty body Funqy refuses
            return;
        }
        ServerSpan span = spans.start("sum-chunk", VertxIncomingTrace.of(ctx));
        try {
            ChunkResult result = span.ended(service.sum(request, VertxRequestLine.of(ctx)));
            ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(io.vertx.core.buffer.Buffer.buffer(mapper.writeValueAsBytes(result)));
        } catch (JsonProcessingException e) {
            ctx.fail(span.failed(new IllegalStateException("cannot write a result as JSON", e)));
        } catch (RuntimeException e) {
            ctx.fail(span.failed(e));
        }
    }

    private static boolean isPlainJson(String mediaType) {
        return mediaType != null && mediaType.regionMatches(true, 0, "application/json", 0, 16);
    }
}
