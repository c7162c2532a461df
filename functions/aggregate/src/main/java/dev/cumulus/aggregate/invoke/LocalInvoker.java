package dev.cumulus.aggregate.invoke;

import java.time.Duration;
import java.util.concurrent.Executor;

import dev.cumulus.core.chunk.ChunkRequest;
import dev.cumulus.core.chunk.ChunkResult;
import dev.cumulus.core.chunk.ChunkSummer;
import dev.cumulus.core.error.CumulusException;
import dev.cumulus.core.request.CallerConnection;
import io.smallrye.mutiny.Uni;

/**
 * Sums chunks in this process with the code {@code sum-chunk} runs ({@link ChunkSummer}: the same checks and limits),
 * on a worker pool: for a single instance, local runs and tests. Errors are classified as {@code sum-chunk}'s answers
 * would be.
 */
public final class LocalInvoker implements Invoker {

    private final ChunkSummer summer;
    private final Executor executor;

    public LocalInvoker(ChunkSummer summer, Executor executor) {
        this.summer = summer;
        this.executor = executor;
    }

    @Override
    public Uni<ChunkResult> invoke(ChunkRequest request, String requestId, Duration timeout) {
        return Uni.createFrom().item(() -> sum(request.withTimeout(timeout), requestId)).runSubscriptionOn(executor)
                .ifNoItem().after(timeout)
                .failWith(() -> InvocationFailure.transientFailure(
                        "summing the chunk took longer than " + timeout.toMillis() + " ms", null));
    }

    private ChunkResult sum(ChunkRequest request, String requestId) {
        try {
            return summer.sum(request, requestId, CallerConnection.NONE);
        } catch (CumulusException e) {
            throw InvocationFailure.answered(e.code().name(), e.getMessage(),
                    InvocationFailure.isRetryableStatus(e.code().status()));
        }
    }
}
