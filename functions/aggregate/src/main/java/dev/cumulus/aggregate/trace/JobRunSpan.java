package dev.cumulus.aggregate.trace;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.cumulus.aggregate.run.ChunkTrace;
import dev.cumulus.core.request.TraceContext;
import dev.cumulus.tracing.ServerSpan;
import dev.cumulus.tracing.Tracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.smallrye.mutiny.Uni;

/**
 * The span {@value #NAME} of one run of a submitted job: a child of the trace context the job was submitted with (the
 * span of the request that submitted it, as the ledger keeps it), whichever instance runs it and however often (after
 * a lost instance, a redrive, or at the next slice of time). Its chunk calls are {@link ChunkSpans}, children of this
 * span, so they and {@code sum-chunk}'s spans join the submitter's trace. The request that asked for the run (a
 * Broker's delivery, an asynchronous invocation), when it came with a trace of its own, is a link. With the no-op
 * tracer the span stands for the submitter's, whose context the chunk calls then send on unchanged.
 */
public final class JobRunSpan implements ChunkTrace.Job {

    static final String NAME = "aggregate job run";
    static final AttributeKey<String> JOB_ID = AttributeKey.stringKey("cumulus.job.id");
    static final AttributeKey<Long> RUN = AttributeKey.longKey("cumulus.job.run");
    static final AttributeKey<String> ENDED = AttributeKey.stringKey("cumulus.job.ended");

    private final Span span;
    private final ChunkSpans chunks;
    private final AtomicBoolean ended = new AtomicBoolean();

    private JobRunSpan(Span span, ChunkSpans chunks) {
        this.span = span;
        this.chunks = chunks;
    }

    /**
     * Starts the span of run number {@code run} of the job {@code jobId}.
     *
     * @param submitted the trace context the job was submitted with
     * @param asker the trace context of the request that asked for this run, if any
     */
    public static JobRunSpan start(Tracing tracing, String jobId, int run, Optional<TraceContext> submitted,
            Optional<TraceContext> asker) {
        SpanBuilder builder = tracing.tracer().spanBuilder(NAME).setSpanKind(SpanKind.INTERNAL)
                .setParent(Tracing.parent(submitted)).setAttribute(JOB_ID, jobId).setAttribute(RUN, (long) run);
        asker.map(a -> Span.fromContext(Tracing.parent(Optional.of(a))).getSpanContext())
                .filter(SpanContext::isValid).ifPresent(builder::addLink);
        Span span = builder.startSpan();
        return new JobRunSpan(span, new ChunkSpans(tracing, span));
    }

    @Override
    public ChunkTrace chunk(int index) {
        return chunks.chunk(index);
    }

    /**
     * {@code run}, ending this span as it ends: with the name of its item (how the run ended, such as
     * {@code FINISHED}), with its failure, or as {@code DROPPED} when it was cancelled (its instance stopped).
     */
    public <T> Uni<T> around(Uni<T> run) {
        return run.onTermination().invoke((item, failure, cancelled) -> ended(
                cancelled ? "DROPPED" : item == null ? null : item.toString(), failure));
    }

    /**
     * Ends the span, once: with how the run ended for this instance ({@code how}, such as {@code FINISHED}), or with
     * the failure that stopped it, named by its error code.
     */
    public void ended(String how, Throwable failure) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        if (failure != null) {
            ServerSpan.markFailed(span, failure);
        } else if (how != null) {
            span.setAttribute(ENDED, how);
        }
        span.end();
    }
}
