package dev.cumulus.aggregate;

import jakarta.inject.Inject;

import dev.cumulus.aggregate.auth.Callers;
import dev.cumulus.aggregate.job.JobAction;
import dev.cumulus.aggregate.job.JobService;
import dev.cumulus.aggregate.trace.ChunkSpans;
import dev.cumulus.core.request.IncomingRequestId;
import dev.cumulus.tracing.ServerSpan;
import dev.cumulus.tracing.ServerSpans;
import dev.cumulus.tracing.Tracing;
import io.quarkus.funqy.Funq;
import io.smallrye.mutiny.Uni;

/** The {@code aggregate} function: the only class that knows Funqy. */
public class AggregateFunction {

    @Inject
    AggregateService service;

    @Inject
    JobService jobs;

    @Inject
    IncomingRequestId requestId;

    @Inject
    Callers callers;

    @Inject
    ServerSpans spans;

    @Inject
    Tracing tracing;

    /**
     * Without an action, runs the job while the call waits and answers its result ({@link AggregateResult}); with
     * one, acts on a submitted job and answers its status ({@link dev.cumulus.aggregate.job.JobStatus}). Either way
     * without holding a thread while the chunks are summed elsewhere, in one span that the chunk calls' spans are
     * children of; a submitted job keeps that span's context, which its runs continue.
     */
    @Funq("aggregate")
    public Uni<Object> aggregate(AggregateRequest request) {
        // read here, while the request being served is current
        ServerSpan span = spans.start("aggregate");
        try {
            return act(request, span).onTermination().invoke((item, failure, cancelled) -> span.ended(failure));
        } catch (RuntimeException e) {
            throw span.failed(e);
        }
    }

    private Uni<Object> act(AggregateRequest request, ServerSpan span) {
        var id = requestId.current();
        JobAction action = request == null ? null : JobAction.of(request.action());
        if (action == JobAction.RUN) {
            // sent by the platform itself (an event, an asynchronous invocation): it names the job's owner
            return jobs.act(action, request, null, id, span.outgoing()).map(Object.class::cast);
        }
        String owner = callers.ownerOfCall(request == null ? null : request.authorization());
        return action == null
                ? service.aggregate(request, id, owner, new ChunkSpans(tracing, span.span())).map(Object.class::cast)
                : jobs.act(action, request, owner, id, span.outgoing()).map(Object.class::cast);
    }
}
