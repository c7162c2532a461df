package dev.cumulus.tracing;

import jakarta.enterprise.context.ApplicationScoped;

import dev.cumulus.core.request.IncomingTrace;
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
        return new ServerSpan(tracing.tracer().spanBuilder(name).setSpanKind(SpanKind.SERVER)
                .setParent(Tracing.parent(incoming.current())).startSpan());
    }
}
