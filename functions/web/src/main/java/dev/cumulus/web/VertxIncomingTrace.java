package dev.cumulus.web;

import java.util.Optional;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;

import dev.cumulus.core.request.IncomingTrace;
import dev.cumulus.core.request.TraceContext;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * The trace context of the HTTP request being served: the {@code traceparent} and {@code tracestate} headers, else a
 * binary CloudEvent's {@code ce-traceparent} and {@code ce-tracestate} (the CloudEvents distributed-tracing
 * extension). The request log reads it with {@link #of(RoutingContext)}.
 */
@ApplicationScoped
public class VertxIncomingTrace implements IncomingTrace {

    private final CurrentVertxRequest request;

    VertxIncomingTrace(CurrentVertxRequest request) {
        this.request = request;
    }

    @Override
    public Optional<TraceContext> current() {
        return ServedRequest.of(request).flatMap(VertxIncomingTrace::of);
    }

    /** The trace context {@code ctx}'s request carries, when valid. */
    public static Optional<TraceContext> of(RoutingContext ctx) {
        return of(name -> ctx.request().getHeader(name));
    }

    /** The trace context of a request whose headers {@code header} reads, when valid. */
    static Optional<TraceContext> of(UnaryOperator<String> header) {
        String parent = header.apply(TraceContext.TRACEPARENT);
        if (parent != null) {
            return TraceContext.parse(parent, header.apply(TraceContext.TRACESTATE));
        }
        return TraceContext.parse(header.apply("ce-" + TraceContext.TRACEPARENT),
                header.apply("ce-" + TraceContext.TRACESTATE));
    }
}
