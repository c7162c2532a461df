package dev.cumulus.aggregate.trace;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.cumulus.aggregate.run.ChunkTrace;
import dev.cumulus.core.request.TraceContext;
import dev.cumulus.tracing.Tracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

/**
 * The chunk calls of one job as OpenTelemetry spans: one client span {@value #NAME} per chunk, a child of the job's
 * request span, from its first call until the chunk is settled. A hedge is the event {@code hedge}; a retry is the
 * event {@code retry} with its number, the error code of the failure before it and its backoff. Every call of the
 * chunk, hedges and retries alike, sends the span as the parent of {@code sum-chunk}'s span. With the no-op tracer
 * the span stands for the request's own parent, so the caller's trace context passes on unchanged.
 */
public final class ChunkSpans implements ChunkTrace.Job {

    static final String NAME = "sum-chunk call";
    static final AttributeKey<Long> CHUNK = AttributeKey.longKey("cumulus.chunk.index");
    static final AttributeKey<Long> RETRY = AttributeKey.longKey("cumulus.retry");
    static final AttributeKey<String> ERROR_CODE = AttributeKey.stringKey("cumulus.error.code");
    static final AttributeKey<Long> BACKOFF = AttributeKey.longKey("cumulus.backoff.ms");

    private final Tracer tracer;
    private final Context parent;

    /** Spans of {@code tracing}, children of {@code parent} (the span of the request that runs the job). */
    public ChunkSpans(Tracing tracing, Span parent) {
        this.tracer = tracing.tracer();
        this.parent = Context.root().with(parent);
    }

    @Override
    public ChunkTrace chunk(int index) {
        Span span = tracer.spanBuilder(NAME).setSpanKind(SpanKind.CLIENT).setParent(parent)
                .setAttribute(CHUNK, (long) index).startSpan();
        return new Chunk(span, Tracing.outgoing(span).orElse(null));
    }

    private static final class Chunk implements ChunkTrace {

        private final Span span;
        private final TraceContext context;
        private final AtomicBoolean ended = new AtomicBoolean();

        Chunk(Span span, TraceContext context) {
            this.span = span;
            this.context = context;
        }

        @Override
        public TraceContext context() {
            return context;
        }

        @Override
        public void hedged() {
            span.addEvent("hedge");
        }

        @Override
        public void retried(int retry, String code, long backoffMillis) {
            span.addEvent("retry", Attributes.of(RETRY, (long) retry, ERROR_CODE, code, BACKOFF, backoffMillis));
        }

        @Override
        public void ended(String code) {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            if (code != null) {
                span.setAttribute(ERROR_CODE, code);
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
        }
    }
}
