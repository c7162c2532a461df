package dev.cumulus.aggregate.run;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.cumulus.store.job.JobState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * The meters of {@code aggregate}: each call of {@code sum-chunk} (its duration by outcome), retries, hedges, the
 * state of the shared circuit breaker, the jobs running in this instance and the jobs finished by state. Every meter
 * is made once, so recording builds no tags. Thread-safe.
 */
public final class AggregateMetrics {

    /** How a call of {@code sum-chunk} ended: the value of the {@code outcome} tag. */
    public enum Outcome {
        SUCCESS, FAILURE, CANCELLED
    }

    private final Map<Outcome, Timer> calls = new EnumMap<>(Outcome.class);
    private final Counter retries;
    private final Counter hedges;
    private final AtomicInteger breaker = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final Map<JobState, Counter> finished = new EnumMap<>(JobState.class);

    public AggregateMetrics(MeterRegistry registry) {
        for (Outcome o : Outcome.values()) {
            calls.put(o, Timer.builder("cumulus.aggregate.chunk.calls")
                    .description("Calls of sum-chunk, one per attempt, by outcome").tag("outcome", tag(o))
                    .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofSeconds(60)).register(registry));
        }
        retries = Counter.builder("cumulus.aggregate.chunk.retries")
                .description("Calls of sum-chunk that repeat a failed one").register(registry);
        hedges = Counter.builder("cumulus.aggregate.chunk.hedges")
                .description("Duplicate calls of sum-chunk sent for a slow chunk").register(registry);
        Gauge.builder("cumulus.aggregate.circuit.breaker.state", breaker, AtomicInteger::get)
                .description("State of the breaker around sum-chunk calls: 0 closed, 1 open, 2 half-open")
                .register(registry);
        Gauge.builder("cumulus.aggregate.jobs.running", running, AtomicInteger::get)
                .description("Jobs running in this instance").register(registry);
        for (JobState s : JobState.values()) {
            if (s.isFinal()) {
                finished.put(s, Counter.builder("cumulus.aggregate.jobs.finished")
                        .description("Jobs ended, by final state").tag("state", s.name()).register(registry));
            }
        }
    }

    /** Meters that record nowhere, for code built without a registry (tests of other concerns). */
    public static AggregateMetrics unrecorded() {
        return new AggregateMetrics(new CompositeMeterRegistry());
    }

    void call(Outcome outcome, long nanos) {
        calls.get(outcome).record(nanos, TimeUnit.NANOSECONDS);
    }

    void retried() {
        retries.increment();
    }

    void hedged() {
        hedges.increment();
    }

    /** Follows the breaker's changes of state ({@link CallGuards#create(CallGuards.Settings, AggregateMetrics)}). */
    void breaker(CircuitBreakerState state) {
        breaker.set(switch (state) {
            case CLOSED -> 0;
            case OPEN -> 1;
            case HALF_OPEN -> 2;
        });
    }

    void jobStarted() {
        running.incrementAndGet();
    }

    void jobEnded() {
        running.decrementAndGet();
    }

    /** A job ended in {@code state}, which is final. */
    public void finished(JobState state) {
        Counter c = finished.get(state);
        if (c == null) {
            throw new IllegalArgumentException("not a final state: " + state);
        }
        c.increment();
    }

    private static String tag(Outcome o) {
        return o.name().toLowerCase(Locale.ROOT);
    }
}
