package dev.cumulus.tracing;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.cumulus.core.request.IncomingTrace;
import dev.cumulus.core.request.TraceContext;
import io.opentelemetry.api.trace.SpanKind;

/** Starts the span of the request being served, continuing the trace its caller sent ({@link IncomingTrace}). */
@ApplicationScoped
public class ServerSpans {

    private final Tracing tracing;
    private final IncomingTrace incoming;

    public ServerSpans(Tracing tracing, IncomingTrace incoming) {
        this.tracing = tracing;
        this.incoming = incoming;
    }

    /** Starts the span {@code name} of the current request; read while the request is current. */
    public ServerSpan start(String name) {
        return start(name, incoming.current());
    }

    /** Starts the span {@code name} of a request whose caller's trace the transport read itself. */
    public ServerSpan start(String name, Optional<TraceContext> caller) {
        return new ServerSpan(tracing.tracer().spanBuilder(name).setSpanKind(SpanKind.SERVER)
                .setParent(Tracing.parent(caller)).startSpan());
    }
}
