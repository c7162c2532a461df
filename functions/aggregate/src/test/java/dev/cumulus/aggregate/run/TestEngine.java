package dev.cumulus.aggregate.run;

import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;

import dev.cumulus.aggregate.plan.JobPlan;
import dev.cumulus.core.number.ExactSum;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;

/**
 * The engine as the application builds it, on {@link ManualTime} and against a {@link ScriptedSumChunk}, with a
 * breaker of its own (so one test's open breaker does not leak into the next) and backoffs without jitter: 5, 10 and
 * 20 ms.
 */
public final class TestEngine {

    /** Longest a job may run on the driven clock before a test gives up on it. */
    static final Duration LIMIT = Duration.ofMinutes(5);

    public final ManualTime time = new ManualTime();
    public final ScriptedSumChunk sumChunk = new ScriptedSumChunk(time);
    private final JobRun.Engine engine;

    public TestEngine(CallGuards.Settings breaker, Duration callTimeout) {
        this(time -> CallGuards.create(breaker), callTimeout);
    }

    /** With a breaker of the test's own making, such as one on the driven clock ({@link ClockedBreaker}). */
    TestEngine(Function<ManualTime, TypedGuard<Uni<ExactSum>>> breaker, Duration callTimeout) {
        ChunkCaller caller = new ChunkCaller(sumChunk, breaker.apply(time),
                new ChunkCaller.Retry(3, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ZERO), callTimeout,
                time, new Random(1));
        engine = new JobRun.Engine(caller, time.clock(), time.executor(), Duration.ofMillis(5));
    }

    public TestEngine() {
        this(calmBreaker(), Duration.ofSeconds(10));
    }

    /** A breaker that needs 50 calls to judge, so it stays out of the way. */
    /** The engine, for jobs that a test builds itself. */
    public JobRun.Engine engine() {
        return engine;
    }

    static CallGuards.Settings calmBreaker() {
        return new CallGuards.Settings(50, 0.9, Duration.ofSeconds(10), 1);
    }

    public static HedgePolicy noHedging() {
        return new HedgePolicy(Optional.empty(), 0.9, 5, Duration.ofMillis(20), 0);
    }

    static HedgePolicy hedging(int budget) {
        return new HedgePolicy(Optional.empty(), 0.9, 5, Duration.ofMillis(20), budget);
    }

    JobOutcome run(JobPlan plan, int maxConcurrency, int tolerated, Duration timeout, HedgePolicy hedging) {
        return run(plan, maxConcurrency, tolerated, Integer.MAX_VALUE, timeout, hedging);
    }

    JobOutcome run(JobPlan plan, int maxConcurrency, int tolerated, int extraCalls, Duration timeout,
            HedgePolicy hedging) {
        Deadline deadline = Deadline.after(time.clock(), timeout);
        return time.await(new JobRun(plan, new JobRun.Limits(maxConcurrency, tolerated, extraCalls, deadline), engine,
                hedging, "req-1").run(), LIMIT);
    }
}
