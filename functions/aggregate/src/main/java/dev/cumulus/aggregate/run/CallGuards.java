package dev.cumulus.aggregate.run;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import dev.cumulus.aggregate.AggregateResult.ChunkError;
import dev.cumulus.aggregate.invoke.InvocationFailure;
import dev.cumulus.core.error.ErrorCode;
import dev.cumulus.core.number.ExactSum;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.util.TypeLiteral;

/**
 * The circuit breaker around every call of {@code sum-chunk} (SmallRye Fault Tolerance), shared by all jobs of an
 * instance, and the classification of failures. The breaker counts only failures of {@code sum-chunk} itself
 * (timeouts, lost connections, its own 5xx): a source that fails ({@code SOURCE_UNAVAILABLE}, {@code SOURCE_TIMEOUT})
 * or a refused chunk (4xx) is the caller's, and counts as a working {@code sum-chunk}, so one caller's bad source
 * never opens the breaker on the others. Retries, their budget and the timeout of each call belong to the job
 * ({@link ChunkCaller}), on the engine's time.
 */
public final class CallGuards {

    /** The settings of the breaker. */
    public record Settings(int requestVolumeThreshold, double failureRatio, Duration openDelay,
            int successThreshold) {
    }

    /** The guarded type, named (not an anonymous class) so a native image can keep its generic signature. */
    @RegisterForReflection
    static final class UniOfSum extends TypeLiteral<Uni<ExactSum>> {
        private static final long serialVersionUID = 1L;
    }

    private CallGuards() {
    }

    public static TypedGuard<Uni<ExactSum>> create(Settings s) {
        return create(s, AggregateMetrics.unrecorded());
    }

    /** A breaker whose changes of state {@code metrics} shows. */
    public static TypedGuard<Uni<ExactSum>> create(Settings s, AggregateMetrics metrics) {
        return TypedGuard.create(new UniOfSum())
                .withCircuitBreaker().requestVolumeThreshold(s.requestVolumeThreshold()).failureRatio(s.failureRatio())
                .delay(s.openDelay().toMillis(), ChronoUnit.MILLIS).successThreshold(s.successThreshold())
                .when(CallGuards::isSumChunkFault).onStateChange(metrics::breaker).done()
                .withThreadOffload(false)
                .build();
    }

    /** Failures that another attempt may not meet: a timeout, a 5xx, throttling, a lost connection. */
    static boolean isTransient(Throwable t) {
        return t instanceof InvocationFailure f && f.retryable();
    }

    /** Failures of {@code sum-chunk} itself, the only ones the breaker counts: transient, and not the source's. */
    static boolean isSumChunkFault(Throwable t) {
        return t instanceof InvocationFailure f && f.retryable() && !f.blamesTheSource();
    }

    /** What a chunk's last failure tells the caller. */
    static ChunkError errorOf(Throwable t) {
        if (t instanceof InvocationFailure f) {
            return new ChunkError(f.code(), f.getMessage());
        }
        if (t instanceof CircuitBreakerOpenException) {
            return new ChunkError(ErrorCode.DOWNSTREAM_FAILED.name(),
                    "not called: too many recent calls of sum-chunk failed (circuit breaker open)");
        }
        return new ChunkError(ErrorCode.INTERNAL.name(), "internal error: " + t.getClass().getSimpleName());
    }
}
