package dev.cumulus.aggregate.run;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import dev.cumulus.aggregate.AggregateResult.ChunkError;
import dev.cumulus.aggregate.invoke.InvocationFailure;
import dev.cumulus.core.error.ErrorCode;
import dev.cumulus.core.number.ExactSum;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.util.TypeLiteral;

/**
 * The fault tolerance around every call of {@code sum-chunk}, with SmallRye Fault Tolerance: retries with exponential
 * backoff and jitter, a circuit breaker, and a timeout per attempt. Only failures that may pass are retried and count
 * against the breaker; a refused chunk (4xx) is neither. The guard keeps the breaker's state, so one is built per
 * downstream and reused by every job. No bulkhead: the job's own cap bounds the calls in flight before the guard.
 */
public final class CallGuards {

    /** The settings of the guard. */
    public record Settings(int maxRetries, Duration delay, Duration maxDelay, Duration jitter, Duration maxDuration,
            int requestVolumeThreshold, double failureRatio, Duration openDelay, int successThreshold,
            Duration callTimeout) {
    }

    /** The guarded type, named (not an anonymous class) so a native image can keep its generic signature. */
    @RegisterForReflection
    static final class UniOfSum extends TypeLiteral<Uni<ExactSum>> {
        private static final long serialVersionUID = 1L;
    }

    private CallGuards() {
    }

    public static TypedGuard<Uni<ExactSum>> create(Settings s) {
        return TypedGuard.create(new UniOfSum())
                .withRetry().maxRetries(s.maxRetries()).delay(s.delay().toMillis(), ChronoUnit.MILLIS)
                .jitter(s.jitter().toMillis(), ChronoUnit.MILLIS)
                .maxDuration(s.maxDuration().toMillis(), ChronoUnit.MILLIS)
                .whenException(CallGuards::isTransient)
                .withExponentialBackoff().factor(2).maxDelay(s.maxDelay().toMillis(), ChronoUnit.MILLIS).done()
                .done()
                .withCircuitBreaker().requestVolumeThreshold(s.requestVolumeThreshold()).failureRatio(s.failureRatio())
                .delay(s.openDelay().toMillis(), ChronoUnit.MILLIS).successThreshold(s.successThreshold())
                .when(CallGuards::isTransient).done()
                .withTimeout().duration(s.callTimeout().toMillis(), ChronoUnit.MILLIS).done()
                .withThreadOffload(false)
                .build();
    }

    /** Failures that another attempt may not meet: a timeout, a 5xx, throttling, a lost connection. */
    static boolean isTransient(Throwable t) {
        return t instanceof TimeoutException || t instanceof InvocationFailure f && f.retryable();
    }

    /** What a chunk's last failure tells the caller. */
    static ChunkError errorOf(Throwable t) {
        if (t instanceof InvocationFailure f) {
            return new ChunkError(f.code(), f.getMessage());
        }
        if (t instanceof TimeoutException) {
            return new ChunkError(ErrorCode.DOWNSTREAM_FAILED.name(), "sum-chunk did not answer in time");
        }
        if (t instanceof CircuitBreakerOpenException) {
            return new ChunkError(ErrorCode.DOWNSTREAM_FAILED.name(),
                    "not called: too many recent calls of sum-chunk failed (circuit breaker open)");
        }
        return new ChunkError(ErrorCode.INTERNAL.name(), "internal error: " + t.getClass().getSimpleName());
    }
}
