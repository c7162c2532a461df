package dev.cumulus.aggregate.run;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cumulus.aggregate.invoke.HttpInvoker;
import dev.cumulus.aggregate.plan.JobPlan;
import dev.cumulus.aggregate.testing.FakeSumChunk;

/**
 * Jobs run as in the application, over HTTP against a {@link FakeSumChunk}, with a guard of their own (so one test's
 * open breaker does not leak into the next) and short backoffs.
 */
final class TestEngine implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(30);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final JobRun.Engine engine;

    TestEngine(FakeSumChunk fake, CallGuards.Settings settings) {
        HttpInvoker invoker = new HttpInvoker(HttpInvoker.newClient(Duration.ofSeconds(2)), URI.create(fake.baseUrl()),
                new ObjectMapper());
        ChunkCaller caller = new ChunkCaller(invoker, CallGuards.create(settings), settings.callTimeout());
        engine = new JobRun.Engine(caller, Clock.systemUTC(), timer, workers, Duration.ofMillis(5));
    }

    /** Up to 3 retries 5 to 20 ms apart; a breaker that needs 50 calls to judge, so it stays out of the way. */
    static CallGuards.Settings settings(Duration callTimeout) {
        return new CallGuards.Settings(3, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofMillis(2),
                Duration.ofMinutes(1), 50, 0.9, Duration.ofSeconds(10), 1, callTimeout);
    }

    static HedgePolicy noHedging() {
        return new HedgePolicy(Optional.empty(), 0.9, 5, Duration.ofMillis(20), 0);
    }

    static HedgePolicy hedging(int budget) {
        return new HedgePolicy(Optional.empty(), 0.9, 5, Duration.ofMillis(20), budget);
    }

    JobOutcome run(JobPlan plan, int maxConcurrency, int tolerated, Duration timeout, HedgePolicy hedging) {
        Deadline deadline = Deadline.after(Clock.systemUTC(), timeout);
        return new JobRun(plan, new JobRun.Limits(maxConcurrency, tolerated, deadline), engine, hedging, "req-1")
                .run().await().atMost(WAIT);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        workers.shutdownNow();
    }
}
