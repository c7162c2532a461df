package dev.cumulus.aggregate;

import jakarta.inject.Inject;

import dev.cumulus.core.request.IncomingRequestId;
import io.quarkus.funqy.Funq;
import io.smallrye.mutiny.Uni;

/** The {@code aggregate} function: the only class that knows Funqy. */
public class AggregateFunction {

    @Inject
    AggregateService service;

    @Inject
    IncomingRequestId requestId;

    /** Answers without holding a thread while the chunks are summed elsewhere. */
    @Funq("aggregate")
    public Uni<AggregateResult> aggregate(AggregateRequest request) {
        // read here, while the request being served is current
        return service.aggregate(request, requestId.current());
    }
}
