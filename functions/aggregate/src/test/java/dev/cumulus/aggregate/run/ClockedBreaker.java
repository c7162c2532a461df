package dev.cumulus.aggregate.run;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import dev.cumulus.core.number.ExactSum;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;

/**
 * A circuit breaker on the test's clock (SmallRye's keeps real time, which a driven clock outruns): it opens after
 * {@code threshold} failures in a row, stays open for {@code delay}, then lets one probe through; the probe's success
 * closes it, its failure opens it again. It counts the calls it refused.
 */
final class ClockedBreaker implements TypedGuard<Uni<ExactSum>> {

    private final ManualTime time;
    private final int threshold;
    private final Duration delay;
    private int failuresInARow;
    private Instant openUntil;
    private boolean probing;
    private int refused;

    ClockedBreaker(ManualTime time, int threshold, Duration delay) {
        this.time = time;
        this.threshold = threshold;
        this.delay = delay;
    }

    synchronized int refused() {
        return refused;
    }

    @Override
    public Uni<ExactSum> get(Supplier<Uni<ExactSum>> action) {
        synchronized (this) {
            Instant now = time.clock().instant();
            if (openUntil != null && (now.isBefore(openUntil) || probing)) {
                refused++;
                return Uni.createFrom().failure(new CircuitBreakerOpenException("open"));
            }
            if (openUntil != null) {
                probing = true;
            }
        }
        return action.get().onItemOrFailure().transformToUni((item, failure) -> {
            synchronized (this) {
                probing = false;
                if (failure == null || !CallGuards.isSumChunkFault(failure)) {
                    failuresInARow = 0;
                    openUntil = null;
                } else if (++failuresInARow >= threshold || openUntil != null) {
                    openUntil = time.clock().instant().plus(delay);
                }
            }
            return failure == null ? Uni.createFrom().item(item) : Uni.createFrom().failure(failure);
        });
    }

    @Override
    public Uni<ExactSum> call(Callable<Uni<ExactSum>> action) throws Exception {
        return get(() -> {
            try {
                return action.call();
            } catch (Exception e) {
                return Uni.createFrom().failure(e);
            }
        });
    }
}
