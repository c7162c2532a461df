package dev.cumulus.aggregate.run;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import dev.cumulus.aggregate.invoke.InvocationFailure;
import dev.cumulus.aggregate.invoke.Invoker;
import dev.cumulus.core.chunk.ChunkRequest;
import dev.cumulus.core.chunk.ChunkResult;
import dev.cumulus.core.number.ExactSum;
import dev.cumulus.core.number.NumberLimits;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;

/**
 * Calls {@code sum-chunk} for one chunk: each attempt through the shared breaker, with the call timeout or the time
 * left before the job's deadline, whichever is shorter; none starts after the deadline. A failure that may pass is
 * tried again after an exponential backoff with jitter, while retries are left for the chunk and extra calls for the
 * job ({@link CallBudget}). Waits run on the engine's {@link Scheduler}. An answer is accepted only for the job and
 * chunk it was asked for, and only when its numbers are within the bounds a partial sum can reach (an over-long
 * one fails the chunk, without the quadratic cost of reading it).
 */
public final class ChunkCaller {

    /** Retries of one chunk: at most {@code maxRetries}, the first after {@code delay}, each next twice as late. */
    public record Retry(int maxRetries, Duration delay, Duration maxDelay, Duration jitter) {
        public Retry {
            if (maxRetries < 0 || delay.isNegative() || maxDelay.isNegative() || jitter.isNegative()) {
                throw new IllegalArgumentException("retry settings must not be negative");
            }
        }
    }

    private final Invoker invoker;
    private final TypedGuard<Uni<ExactSum>> breaker;
    private final Retry retry;
    private final Duration callTimeout;
    private final Scheduler scheduler;
    private final Random random;
    private final NumberLimits limits;
    private final AggregateMetrics metrics;

    public ChunkCaller(Invoker invoker, TypedGuard<Uni<ExactSum>> breaker, Retry retry, Duration callTimeout,
            Scheduler scheduler, Random random) {
        this(invoker, breaker, retry, callTimeout, scheduler, random, NumberLimits.DEFAULTS,
                AggregateMetrics.unrecorded());
    }

    /**
     * @param limits the bounds of the numbers summed; a partial sum is read within the bounds they imply
     * @param metrics where calls, retries and hedges are counted
     */
    public ChunkCaller(Invoker invoker, TypedGuard<Uni<ExactSum>> breaker, Retry retry, Duration callTimeout,
            Scheduler scheduler, Random random, NumberLimits limits, AggregateMetrics metrics) {
        this.invoker = Objects.requireNonNull(invoker);
        this.breaker = Objects.requireNonNull(breaker);
        this.retry = Objects.requireNonNull(retry);
        this.callTimeout = Objects.requireNonNull(callTimeout);
        this.scheduler = Objects.requireNonNull(scheduler);
        this.random = Objects.requireNonNull(random);
        this.limits = Objects.requireNonNull(limits);
        this.metrics = Objects.requireNonNull(metrics);
    }

    Scheduler scheduler() {
        return scheduler;
    }

    AggregateMetrics metrics() {
        return metrics;
    }

    Uni<ExactSum> call(ChunkRequest request, String requestId, Deadline deadline, Launch launch, Ledger ledger,
            CallBudget budget) {
        if (launch.hedge) {
            metrics.hedged();
        }
        return attempt(request, requestId, deadline, launch, ledger, budget, 0);
    }

    private Uni<ExactSum> attempt(ChunkRequest request, String requestId, Deadline deadline, Launch launch,
            Ledger ledger, CallBudget budget, int retries) {
        return attempt(request, requestId, deadline, launch, ledger, budget, retries, 0);
    }

    /**
     * One attempt, then what its failure allows: a failure that may pass is tried again after a backoff while the
     * chunk has retries left, the job has extra calls left and the backoff ends before the deadline; an open breaker
     * made no call, so the chunk waits (a backoff that grows with each wait) and tries again while the deadline allows,
     * spending neither retries nor extra calls: when the breaker lets a probe through and it succeeds, the waiting
     * chunks go on.
     */
    private Uni<ExactSum> attempt(ChunkRequest request, String requestId, Deadline deadline, Launch launch,
            Ledger ledger, CallBudget budget, int retries, int waits) {
        return once(request, requestId, deadline, launch, ledger).onFailure().recoverWithUni(t -> {
            if (launch.isCancelled()) {
                return Uni.createFrom().failure(t);
            }
            if (t instanceof CircuitBreakerOpenException) {
                Duration wait = backoff(waits);
                return fitsBefore(deadline, wait)
                        ? after(wait, launch).chain(() -> attempt(request, requestId, deadline, launch, ledger, budget,
                                retries, waits + 1))
                        : Uni.createFrom().failure(t);
            }
            Duration wait = backoff(retries);
            if (retries < retry.maxRetries() && CallGuards.isTransient(t) && fitsBefore(deadline, wait)
                    && budget.take()) {
                launch.trace.retried(retries + 1, CallGuards.errorOf(t).code(), wait.toMillis());
                return after(wait, launch).chain(() -> attempt(request, requestId, deadline, launch, ledger, budget,
                        retries + 1, waits));
            }
            return Uni.createFrom().failure(t);
        });
    }

    /** Whether a wait of {@code wait} ends with time left for a call. */
    private static boolean fitsBefore(Deadline deadline, Duration wait) {
        return deadline.remaining().compareTo(wait) > 0;
    }

    private Uni<ExactSum> once(ChunkRequest request, String requestId, Deadline deadline, Launch launch,
            Ledger ledger) {
        return Uni.createFrom().deferred(() -> {
            if (launch.isCancelled()) {
                return Uni.createFrom().failure(InvocationFailure.cancelled());
            }
            Duration left = deadline.remaining();
            if (left.isNegative() || left.isZero()) {
                return Uni.createFrom().failure(InvocationFailure.deadlinePassed());
            }
            Duration timeout = left.compareTo(callTimeout) < 0 ? left : callTimeout;
            return breaker.get(() -> {
                // counted only when the breaker lets the call through: a wait at an open breaker calls nothing
                if (launch.attempt()) {
                    ledger.retried(request.index());
                    metrics.retried();
                }
                long began = System.nanoTime();
                Uni<ExactSum> call = invoker.invoke(request, requestId, launch.trace.context(), timeout)
                        .map(result -> accept(request, result, limits));
                // whichever ends first: the call, its timeout, or its cancellation (the losers are cancelled)
                return Uni.join().first(call, timeout(timeout), launch.cancellation()).toTerminate()
                        .onItemOrFailure().invoke((sum, failure) -> metrics.call(outcome(failure),
                                System.nanoTime() - began))
                        .onCancellation().invoke(() -> metrics.call(AggregateMetrics.Outcome.CANCELLED,
                                System.nanoTime() - began));
            });
        });
    }

    private static AggregateMetrics.Outcome outcome(Throwable failure) {
        if (failure == null) {
            return AggregateMetrics.Outcome.SUCCESS;
        }
        return failure instanceof InvocationFailure f && "CANCELLED".equals(f.code())
                ? AggregateMetrics.Outcome.CANCELLED
                : AggregateMetrics.Outcome.FAILURE;
    }

    /** The wait before retry number {@code retries + 1}: delay x 2^retries, at most the max delay, +- jitter. */
    Duration backoff(int retries) {
        long base = retry.delay().toNanos() << Math.min(retries, 30);
        long capped = Math.min(base < 0 ? Long.MAX_VALUE : base, retry.maxDelay().toNanos());
        long spread = retry.jitter().toNanos();
        long jitter = spread == 0 ? 0 : (long) ((random.nextDouble() * 2 - 1) * spread);
        return Duration.ofNanos(Math.max(0, capped + jitter));
    }

    private Uni<Void> after(Duration wait, Launch launch) {
        Uni<Void> timer = Uni.createFrom().emitter(em -> {
            Scheduler.Cancellable task = scheduler.schedule(wait, () -> em.complete(null));
            em.onTermination(task::cancel);
        });
        return Uni.join().first(timer, launch.cancellation().replaceWithVoid()).toTerminate();
    }

    private Uni<ExactSum> timeout(Duration timeout) {
        return Uni.createFrom().emitter(em -> {
            Scheduler.Cancellable task = scheduler.schedule(timeout, () -> em.fail(InvocationFailure
                    .transientFailure("sum-chunk did not answer within " + timeout.toMillis() + " ms", null)));
            em.onTermination(task::cancel);
        });
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
