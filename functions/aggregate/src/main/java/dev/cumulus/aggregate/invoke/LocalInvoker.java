package dev.cumulus.aggregate.invoke;

import java.time.Duration;
import java.util.concurrent.Executor;

import dev.cumulus.core.chunk.ChunkRequest;
import dev.cumulus.core.chunk.ChunkResult;
import dev.cumulus.core.chunk.SourceRange;
import dev.cumulus.core.error.CumulusException;
import dev.cumulus.core.number.ByteRange;
import dev.cumulus.core.number.ExactSum;
import dev.cumulus.core.number.InlineSummer;
import dev.cumulus.core.source.SourceSummer;
import io.smallrye.mutiny.Uni;

/**
 * Sums chunks in this process with the code {@code sum-chunk} runs, on a worker pool: for a single instance, local
 * runs and tests. Errors are classified as {@code sum-chunk}'s answers would be.
 */
public final class LocalInvoker implements Invoker {

    private final SourceSummer sources;
    private final Executor executor;

    public LocalInvoker(SourceSummer sources, Executor executor) {
        this.sources = sources;
        this.executor = executor;
    }

    @Override
    public Uni<ChunkResult> invoke(ChunkRequest request, String requestId, Duration timeout) {
        return Uni.createFrom().item(() -> sum(request, requestId)).runSubscriptionOn(executor)
                .ifNoItem().after(timeout)
                .failWith(() -> InvocationFailure.transientFailure(
                        "summing the chunk took longer than " + timeout.toMillis() + " ms", null));
    }

    private ChunkResult sum(ChunkRequest request, String requestId) {
        try {
            ExactSum sum;
            if (request.values() != null) {
                sum = InlineSummer.sum(request.values());
            } else {
                SourceRange s = request.source();
                sum = sources.sum(s.url(), new ByteRange(s.offset(), s.length()), requestId);
            }
            return ChunkResult.of(request.jobId(), request.index(), sum);
        } catch (CumulusException e) {
            throw InvocationFailure.answered(e.code().name(), e.getMessage(),
                    InvocationFailure.isRetryableStatus(e.code().status()));
        }
    }
}
