package dev.cumulus.aggregate.run;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import dev.cumulus.aggregate.invoke.InvocationFailure;
import dev.cumulus.core.number.ExactSum;
import io.smallrye.mutiny.Uni;

/**
 * One guarded call of a chunk (the first, or a hedge) with its retries. It holds one of the job's concurrency slots
 * from start to end; cancelling it ends the call in progress at once and lets no retry start, so the slot is freed
 * promptly and never overbooked.
 */
final class Launch {

    final int index;
    final boolean hedge;
    final ChunkTrace trace;
    private final CompletableFuture<ExactSum> cancelled = new CompletableFuture<>();
    private final AtomicInteger attempts = new AtomicInteger();

    Launch(int index, boolean hedge, ChunkTrace trace) {
        this.index = index;
        this.hedge = hedge;
        this.trace = trace;
    }

    void cancel() {
        cancelled.completeExceptionally(InvocationFailure.cancelled());
    }

    boolean isCancelled() {
        return cancelled.isDone();
    }

    /** Fails when the launch is cancelled; raced against each call. */
    Uni<ExactSum> cancellation() {
        // a copy: the race cancels its loser, and that must not cancel the launch itself
        return Uni.createFrom().completionStage(cancelled::copy);
    }

    /** Counts an attempt; true when it is a retry. */
    boolean attempt() {
        return attempts.incrementAndGet() > 1;
    }
}
