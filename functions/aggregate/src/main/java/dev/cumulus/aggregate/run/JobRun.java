package dev.cumulus.aggregate.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executor;

import org.jboss.logging.Logger;

import dev.cumulus.aggregate.AggregateResult.ChunkError;
import dev.cumulus.aggregate.plan.JobPlan;
import dev.cumulus.core.error.ErrorCode;
import dev.cumulus.core.number.ExactSum;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * Runs one job: starts chunk calls while fewer than {@code maxConcurrency} are in flight (hedges first, then chunks in
 * order), hedges stragglers, counts each chunk once, and ends as soon as the answer is known: every chunk settled,
 * more failures than tolerated (the rest are cancelled), or the deadline (the unfinished chunks count as failed).
 *
 * <p>
 * All state changes run on one serial executor, so none needs a lock.
 */
public final class JobRun {

    private static final Logger LOG = Logger.getLogger(JobRun.class);

    /**
     * What a job may do: calls in flight, failures tolerated, calls beyond one per chunk (retries and hedges), and
     * when it must end.
     */
    public record Limits(int maxConcurrency, int toleratedFailures, int extraCalls, Deadline deadline) {
    }

    /**
     * The shared machinery a job runs on. Time comes from {@code clock}, and every wait runs on the caller's
     * {@link Scheduler}, which reads the same clock: tests drive both.
     */
    public record Engine(ChunkCaller caller, Clock clock, Executor workers, Duration hedgeCheckInterval) {
        public Scheduler scheduler() {
            return caller.scheduler();
        }

        public AggregateMetrics metrics() {
            return caller.metrics();
        }
    }

    /** Told of each chunk's result as it is counted, on the job's serial executor: once per chunk. */
    @FunctionalInterface
    public interface Listener {
        void succeeded(int index, ExactSum sum, int calls);
    }

    private final JobPlan plan;
    private final Limits limits;
    private final Engine engine;
    private final HedgePolicy hedging;
    private final String requestId;
    private final SerialExecutor serial;
    private final Ledger ledger;
    private final Instant[] started;
    private final boolean[] hedged;
    private final Map<Integer, List<Launch>> running = new HashMap<>();
    private final ArrayDeque<Integer> hedgeQueue = new ArrayDeque<>();
    private final CallBudget budget;
    private final List<Scheduler.Cancellable> timers = new ArrayList<>();
    private Listener listener = (index, sum, calls) -> {
    };
    private ChunkTrace.Job tracing = ChunkTrace.Job.NONE;
    private final ChunkTrace[] traces;
    private UniEmitter<? super JobOutcome> emitter;
    private int next;
    private int inFlight;
    private boolean finished;
    private boolean draining;
    private boolean stopBeforeStart;
    private boolean counted;

    public JobRun(JobPlan plan, Limits limits, Engine engine, HedgePolicy hedging, String requestId) {
        if (limits.maxConcurrency() < 1) {
            throw new IllegalArgumentException("maxConcurrency must be positive: " + limits.maxConcurrency());
        }
        this.plan = plan;
        this.limits = limits;
        this.engine = engine;
        this.hedging = hedging;
        this.requestId = requestId;
        this.serial = new SerialExecutor(engine.workers());
        this.ledger = new Ledger(plan.size(), plan.objectIndexes(), plan.objects().size());
        this.started = new Instant[plan.size()];
        this.hedged = new boolean[plan.size()];
        this.traces = new ChunkTrace[plan.size()];
        this.budget = new CallBudget(limits.extraCalls());
    }

    /**
     * Counts the chunks that an earlier run summed (read back from the job ledger) before this run starts: they are
     * in the sum and are not called again.
     */
    public JobRun resume(Map<Integer, ExactSum> done) {
        done.forEach(ledger::recorded);
        return this;
    }

    /** Tells {@code listener} of every chunk summed from now on. */
    public JobRun listener(Listener listener) {
        this.listener = listener;
        return this;
    }

    /** Traces each chunk's calls with {@code tracing}, and sends its trace context with them. */
    public JobRun traced(ChunkTrace.Job tracing) {
        this.tracing = tracing;
        return this;
    }

    /**
     * Ends the job now with what it has (cancelled, or handed on to another run): the calls in flight are cancelled,
     * no more start, and the outcome counts only the chunks settled so far.
     */
    public void stop() {
        act(() -> {
            if (emitter == null) {
                stopBeforeStart = true; // not subscribed yet: it ends as soon as it starts
            } else {
                finish(true);
            }
        });
    }

    /** The counts so far; retries and hedges may be read from any thread. */
    public dev.cumulus.aggregate.AggregateResult.ChunkStats stats() {
        return ledger.stats();
    }

    /**
     * Starts no more calls and ends the job once those in flight have answered: the job's time in this instance is up,
     * and what they sum should not be lost.
     */
    public void drain() {
        act(() -> {
            draining = true;
            if (emitter == null) {
                stopBeforeStart = true;
            } else if (inFlight == 0) {
                finish(true);
            }
        });
    }

    /** Runs the job when subscribed; cancelling the subscription cancels the calls in flight. */
    public Uni<JobOutcome> run() {
        return Uni.createFrom().emitter(em -> {
            em.onTermination(() -> act(() -> finish(false)));
            act(() -> start(em));
        });
    }

    private void act(Runnable task) {
        serial.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.errorf(e, "job %s failed unexpectedly", plan.jobId());
                if (!finished && emitter != null) {
                    finished = true;
                    cancelAll();
                    emitter.fail(e);
                }
            }
        });
    }

    private void start(UniEmitter<? super JobOutcome> em) {
        this.emitter = em;
        if (finished) {
            return; // cancelled before it started
        }
        if (plan.size() == 0 || ledger.isComplete() || stopBeforeStart) {
            finish(true);
            return;
        }
        counted = true;
        engine.metrics().jobStarted();
        timers.add(engine.scheduler().schedule(limits.deadline().remaining(), () -> act(this::deadlinePassed)));
        if (hedging.budgetLeft() > 0) {
            scheduleHedgeCheck();
        }
        pump();
    }

    /** Fills the free slots: hedges first, they stand for chunks already late. */
    private void pump() {
        if (draining) {
            if (inFlight == 0) {
                finish(true);
            }
            return;
        }
        while (!finished && inFlight < limits.maxConcurrency()) {
            Integer hedge = hedgeQueue.poll();
            if (hedge != null) {
                if (!ledger.isSettled(hedge)) {
                    launch(hedge, true);
                }
            } else if (skipSettled() < plan.size()) {
                launch(next++, false);
            } else {
                return;
            }
        }
    }

    /** The next chunk to start, past those an earlier run summed. */
    private int skipSettled() {
        while (next < plan.size() && ledger.isSettled(next)) {
            next++;
        }
        return next;
    }

    private void launch(int index, boolean hedge) {
        inFlight++;
        if (started[index] == null) {
            started[index] = engine.clock().instant();
        }
        if (hedge) {
            ledger.hedged();
        }
        ledger.called(index);
        if (traces[index] == null) {
            traces[index] = tracing.chunk(index);
        }
        if (hedge) {
            traces[index].hedged();
        }
        Launch launch = new Launch(index, hedge, traces[index]);
        running.computeIfAbsent(index, i -> new ArrayList<>(2)).add(launch);
        engine.caller().call(plan.request(index), requestId, limits.deadline(), launch, ledger, budget).subscribe()
                .with(
                        sum -> act(() -> succeeded(launch, sum)),
                        failure -> act(() -> failed(launch, failure)));
    }

    private void release(Launch launch) {
        inFlight--;
        List<Launch> of = running.get(launch.index);
        of.remove(launch);
        if (of.isEmpty()) {
            running.remove(launch.index);
        }
    }

    private void succeeded(Launch launch, ExactSum sum) {
        release(launch);
        if (finished) {
            return;
        }
        if (ledger.succeed(launch.index, sum)) {
            traces[launch.index].ended(null);
            listener.succeeded(launch.index, sum, ledger.calls(launch.index));
            hedging.finished(Duration.between(started[launch.index], engine.clock().instant()));
            // the slower call of a hedged pair is no longer needed
            running.getOrDefault(launch.index, List.of()).forEach(Launch::cancel);
        }
        afterChange();
    }

    private void failed(Launch launch, Throwable failure) {
        release(launch);
        if (finished || ledger.isSettled(launch.index)) {
            pump();
            return;
        }
        if (running.containsKey(launch.index)) {
            // the other call of a hedged pair may still answer
            pump();
            return;
        }
        ChunkError error = CallGuards.errorOf(failure);
        ledger.fail(launch.index, error);
        traces[launch.index].ended(error.code());
        afterChange();
    }

    private void afterChange() {
        if (ledger.failedCount() > limits.toleratedFailures()) {
            finish(true);
        } else if (ledger.isComplete()) {
            finish(true);
        } else {
            pump();
        }
    }

    /** The next look for stragglers, one interval from now; each look schedules the next while the job runs. */
    private void scheduleHedgeCheck() {
        timers.removeIf(t -> t instanceof HedgeCheck);
        timers.add(new HedgeCheck(engine.scheduler().schedule(engine.hedgeCheckInterval(), () -> act(() -> {
            checkStragglers();
            if (!finished && hedging.budgetLeft() > 0) {
                scheduleHedgeCheck();
            }
        }))));
    }

    private record HedgeCheck(Scheduler.Cancellable task) implements Scheduler.Cancellable {
        @Override
        public void cancel() {
            task.cancel();
        }
    }

    private void checkStragglers() {
        if (finished) {
            return;
        }
        Instant now = engine.clock().instant();
        for (Map.Entry<Integer, List<Launch>> e : running.entrySet()) {
            int index = e.getKey();
            if (hedging.budgetLeft() == 0) {
                break;
            }
            // a hedge is an extra call: it needs the job's call budget as well as the hedging budget
            if (!hedged[index] && hedging.shouldHedge(started[index], now) && budget.take()) {
                hedged[index] = true;
                hedging.hedged();
                hedgeQueue.add(index);
            }
        }
        pump();
    }

    private void deadlinePassed() {
        if (finished) {
            return;
        }
        ChunkError late = new ChunkError(ErrorCode.DEADLINE_EXCEEDED.name(),
                "the job's deadline passed before this chunk was summed");
        for (int i = 0; i < plan.size(); i++) {
            ledger.fail(i, late);
        }
        finish(true, true);
    }

    private void finish(boolean answer) {
        finish(answer, false);
    }

    private void finish(boolean answer, boolean deadlinePassed) {
        if (finished) {
            return;
        }
        finished = true;
        cancelAll();
        if (counted) {
            engine.metrics().jobEnded();
        }
        if (answer) {
            boolean failedFast = ledger.failedCount() > limits.toleratedFailures();
            emitter.complete(new JobOutcome(ledger.sum(), ledger.stats(), new TreeMap<>(ledger.failures()),
                    failedFast, deadlinePassed || limits.deadline().passed(), ledger.objectSums()));
        }
    }

    private void cancelAll() {
        Map<Integer, ChunkError> failures = ledger.failures();
        for (int i = 0; i < traces.length; i++) {
            if (traces[i] != null) {
                // ends what is still open: failed at the deadline, or cut short by failing fast or a stop
                ChunkError error = failures.get(i);
                traces[i].ended(error != null ? error.code() : ledger.isSettled(i) ? null : "CANCELLED");
            }
        }
        timers.forEach(Scheduler.Cancellable::cancel);
        running.values().forEach(launches -> launches.forEach(Launch::cancel));
    }
}
