package dev.cumulus.aggregate.invoke;

import java.time.Duration;

import dev.cumulus.core.chunk.ChunkRequest;
import dev.cumulus.core.chunk.ChunkResult;
import dev.cumulus.core.request.TraceContext;
import io.smallrye.mutiny.Uni;

/**
 * One call of {@code sum-chunk}, however it is reached. No retries here: those, the breaker and the per-call timeout
 * sit around every invoker alike. A failed call fails the {@code Uni} with an {@link InvocationFailure} that says
 * whether trying again may help.
 */
public interface Invoker {

    /**
     * @param requestId the correlation id, sent along where the transport has a place for it
     * @param timeout how long this call may take; the invoker gives up (and frees its connection) after it
     */
    Uni<ChunkResult> invoke(ChunkRequest request, String requestId, Duration timeout);

    /**
     * The same call, sending {@code trace} (the W3C trace context of the call, or {@code null}) where the transport
     * has a place for it; an invoker without one ignores it.
     */
    default Uni<ChunkResult> invoke(ChunkRequest request, String requestId, TraceContext trace, Duration timeout) {
        return invoke(request, requestId, timeout);
    }
}
