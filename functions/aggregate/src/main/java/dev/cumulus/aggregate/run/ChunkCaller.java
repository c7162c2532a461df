package dev.cumulus.aggregate.run;

import java.time.Duration;
import java.util.Objects;

import dev.cumulus.aggregate.invoke.InvocationFailure;
import dev.cumulus.aggregate.invoke.Invoker;
import dev.cumulus.core.chunk.ChunkRequest;
import dev.cumulus.core.chunk.ChunkResult;
import dev.cumulus.core.number.ExactSum;
import dev.cumulus.core.number.NumberLimits;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;

/**
 * Calls {@code sum-chunk} for one chunk through the guard. Each attempt gets the call timeout or the time left before
 * the job's deadline, whichever is shorter, and none starts after the deadline. An answer is accepted only for the
 * job and chunk it was asked for, and only when its numbers are within the bounds a partial sum can reach (an
 * over-long one fails the chunk, without the quadratic cost of reading it).
 */
public final class ChunkCaller {

    private final Invoker invoker;
    private final TypedGuard<Uni<ExactSum>> guard;
    private final Duration callTimeout;
    private final NumberLimits limits;

    public ChunkCaller(Invoker invoker, TypedGuard<Uni<ExactSum>> guard, Duration callTimeout) {
        this(invoker, guard, callTimeout, NumberLimits.DEFAULTS);
    }

    /** @param limits the bounds of the numbers summed; a partial sum is read within the bounds they imply */
    public ChunkCaller(Invoker invoker, TypedGuard<Uni<ExactSum>> guard, Duration callTimeout, NumberLimits limits) {
        this.invoker = invoker;
        this.guard = guard;
        this.callTimeout = callTimeout;
        this.limits = limits;
    }

    Uni<ExactSum> call(ChunkRequest request, String requestId, Deadline deadline, Launch launch, Ledger ledger) {
        return guard.get(() -> attempt(request, requestId, deadline, launch, ledger));
    }

    private Uni<ExactSum> attempt(ChunkRequest request, String requestId, Deadline deadline, Launch launch,
            Ledger ledger) {
        if (launch.isCancelled()) {
            return Uni.createFrom().failure(InvocationFailure.cancelled());
        }
        Duration left = deadline.remaining();
        if (left.isNegative() || left.isZero()) {
            return Uni.createFrom().failure(InvocationFailure.deadlinePassed());
        }
        if (launch.attempt()) {
            ledger.retried();
        }
        Duration timeout = left.compareTo(callTimeout) < 0 ? left : callTimeout;
        Uni<ExactSum> call = invoker.invoke(request, requestId, timeout).map(result -> accept(request, result, limits));
        // whichever ends first: the call, or its cancellation (which then cancels the call)
        return Uni.join().first(call, launch.cancellation()).toTerminate();
    }

    static ExactSum accept(ChunkRequest request, ChunkResult result, NumberLimits limits) {
        if (result == null || !Objects.equals(result.jobId(), request.jobId())
                || !Objects.equals(result.index(), request.index())) {
            throw InvocationFailure.unusable("sum-chunk answered for job " + (result == null ? null : result.jobId())
                    + " chunk " + (result == null ? null : result.index()) + ", not for job " + request.jobId()
                    + " chunk " + request.index(), null);
        }
        try {
            return result.toExactSum(limits);
        } catch (RuntimeException e) {
            throw InvocationFailure.unusable("sum-chunk answered with a result that does not add up: " + e.getMessage(),
                    e);
        }
    }
}
