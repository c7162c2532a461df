package dev.cumulus.aggregate;

import jakarta.inject.Inject;

import dev.cumulus.aggregate.job.JobAction;
import dev.cumulus.aggregate.job.JobService;
import dev.cumulus.core.request.IncomingRequestId;
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

    /**
     * Without an action, runs the job while the call waits and answers its result ({@link AggregateResult}); with
     * one, acts on a submitted job and answers its status ({@link dev.cumulus.aggregate.job.JobStatus}). Either way
     * without holding a thread while the chunks are summed elsewhere.
     */
    @Funq("aggregate")
    public Uni<Object> aggregate(AggregateRequest request) {
        // read here, while the request being served is current
        var id = requestId.current();
        JobAction action = request == null ? null : JobAction.of(request.action());
        return action == null
                ? service.aggregate(request, id).map(Object.class::cast)
                : jobs.act(action, request, JobService.ANONYMOUS, id).map(Object.class::cast);
    }
}
