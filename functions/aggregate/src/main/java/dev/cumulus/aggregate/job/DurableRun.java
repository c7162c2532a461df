package dev.cumulus.aggregate.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import dev.cumulus.aggregate.plan.Chunk;
import dev.cumulus.aggregate.plan.JobPlan;
import dev.cumulus.aggregate.run.AggregateMetrics;
import dev.cumulus.aggregate.run.JobOutcome;
import dev.cumulus.aggregate.run.JobRun;
import dev.cumulus.aggregate.run.Scheduler;
import dev.cumulus.core.number.ExactSum;
import dev.cumulus.store.StoreUnavailableException;
import dev.cumulus.store.job.ChunkRecord;
import dev.cumulus.store.job.JobKey;
import dev.cumulus.store.job.JobStore;
import dev.cumulus.store.job.StoredJob;
import io.smallrye.mutiny.Uni;

/**
 * One run of a submitted job by the instance that holds its lease. It starts from the chunks the ledger has recorded
 * (none are called again), records each new result in batches (a conditional write per chunk, so a result counts
 * once however many calls or instances answered), renews the lease while it runs (and stops when it has lost it or
 * the owner cancelled), and hands on to a new run when its slice of time is up. How the job ended is decided by
 * {@link JobEnding} from what the ledger holds.
 */
final class DurableRun {

    private static final Logger LOG = Logger.getLogger(DurableRun.class);

    /** How a run ended for the instance that ran it. */
    enum Ended {
        /** The job reached a final state, written by this run. */
        FINISHED,
        /** The slice of time was up: the lease is released and a new run asked for. */
        HANDED_ON,
        /** Another instance holds the job now (this one's lease passed); it wrote nothing more. */
        LOST
    }

    /** The timing of runs. */
    record Timing(Duration lease, Duration heartbeat, Duration slice, int recordBatch, Duration recordInterval) {
    }

    private final JobStore store;
    private final StoredJob job;
    private final JobPlan plan;
    private final JobRun run;
    private final JobEnding ending;
    private final Timing timing;
    private final Scheduler scheduler;
    private final Executor workers;
    private final Clock clock;
    private final String holder;
    private final AggregateMetrics metrics;
    private final List<ChunkRecord> pending = new ArrayList<>();
    private final Object writing = new Object();
    private final AtomicBoolean flushing = new AtomicBoolean();
    private final List<Scheduler.Cancellable> timers = new ArrayList<>();
    private volatile boolean cancelled;
    private volatile boolean lost;
    private volatile boolean sliceEnded;
    private volatile boolean over;
    private int granted;

    DurableRun(JobStore store, StoredJob job, JobPlan plan, JobRun run, JobEnding ending, Timing timing,
            Scheduler scheduler, Executor workers, Clock clock, String holder, AggregateMetrics metrics) {
        this.store = store;
        this.job = job;
        this.plan = plan;
        this.run = run;
        this.ending = ending;
        this.timing = timing;
        this.scheduler = scheduler;
        this.workers = workers;
        this.clock = clock;
        this.holder = holder;
        this.metrics = metrics;
    }

    JobKey key() {
        return job.key();
    }

    /** Remembers the calls in flight this run took from its owner's share, to give back when it ends. */
    DurableRun granted(int calls) {
        this.granted = calls;
        return this;
    }

    int granted() {
        return granted;
    }

    /** Runs when subscribed; the blocking writes run on the worker pool. */
    Uni<Ended> run() {
        return Uni.createFrom().item(this::recorded).runSubscriptionOn(workers)
                .chain(done -> {
                    run.resume(done).listener(this::succeeded);
                    startTimers();
                    return run.run();
                })
                .emitOn(workers)
                .map(this::end)
                .onTermination().invoke(this::stopTimers);
    }

    /** The owner cancelled the job: stop at once. */
    void cancel() {
        cancelled = true;
        run.stop();
    }

    private Map<Integer, ExactSum> recorded() {
        Map<Integer, ExactSum> done = new TreeMap<>();
        for (ChunkRecord r : store.chunks(job.key())) {
            if (r.index() < plan.size()) {
                done.put(r.index(), JobEnding.sumOf(r));
            }
        }
        if (!done.isEmpty()) {
            LOG.infof("job %s resumed: %d of %d chunks already recorded", job.key().jobId(), done.size(),
                    plan.size());
        }
        return done;
    }

    private void succeeded(int index, ExactSum sum, int calls) {
        Chunk c = plan.chunks().get(index);
        ChunkRecord record = new ChunkRecord(index, c.offset(), c.length(), sum.count(), sum.sum().toPlainString(),
                sum.min() == null ? null : sum.min().toPlainString(),
                sum.max() == null ? null : sum.max().toPlainString(), Math.max(1, calls), sum.skipped());
        boolean full;
        synchronized (pending) {
            pending.add(record);
            full = pending.size() >= timing.recordBatch();
        }
        if (full) {
            requestFlush();
        }
    }

    private void requestFlush() {
        if (flushing.compareAndSet(false, true)) {
            workers.execute(() -> {
                try {
                    flush();
                } finally {
                    flushing.set(false);
                }
            });
        }
    }

    /** Writes what waits, one batch after another; a failed write keeps its records for the next try. */
    private void flush() {
        synchronized (writing) {
            while (true) {
                List<ChunkRecord> batch;
                synchronized (pending) {
                    if (pending.isEmpty()) {
                        return;
                    }
                    batch = new ArrayList<>(pending.subList(0, Math.min(pending.size(), timing.recordBatch())));
                    pending.subList(0, batch.size()).clear();
                }
                try {
                    store.record(job.key(), batch);
                } catch (StoreUnavailableException e) {
                    synchronized (pending) {
                        pending.addAll(0, batch);
                    }
                    LOG.warnf("job %s: %d chunk results not recorded yet: %s", job.key().jobId(), batch.size(),
                            e.getMessage());
                    return;
                }
            }
        }
    }

    private void startTimers() {
        repeat(timing.recordInterval(), this::requestFlush);
        repeat(timing.heartbeat(), () -> workers.execute(this::renew));
        timers.add(scheduler.schedule(timing.slice(), () -> {
            sliceEnded = true;
            run.drain();
        }));
    }

    private void repeat(Duration every, Runnable task) {
        synchronized (timers) {
            if (over) {
                return;
            }
            timers.add(scheduler.schedule(every, () -> {
                task.run();
                repeat(every, task);
            }));
        }
    }

    private void stopTimers() {
        synchronized (timers) {
            over = true;
            timers.forEach(Scheduler.Cancellable::cancel);
            timers.clear();
        }
    }

    private void renew() {
        if (over) {
            return;
        }
        var stats = run.stats();
        try {
            Optional<StoredJob> renewed = store.renew(job.key(), holder, clock.instant().plus(timing.lease()),
                    job.retries() + stats.retries(), job.hedges() + stats.hedges());
            if (renewed.isEmpty()) {
                LOG.warnf("job %s: this instance lost its lease; it stops and leaves the job to the new holder",
                        job.key().jobId());
                lost = true;
                run.stop();
            } else if (renewed.get().cancelRequested()) {
                cancelled = true;
                run.stop();
            }
        } catch (StoreUnavailableException e) {
            // the lease runs on; if the store stays away past it, another instance takes the job up
            LOG.warnf("job %s: lease not renewed: %s", job.key().jobId(), e.getMessage());
        }
    }

    private Ended end(JobOutcome outcome) {
        stopTimers();
        flush();
        if (lost) {
            return Ended.LOST;
        }
        List<ChunkRecord> recorded = store.chunks(job.key());
        Instant now = clock.instant();
        long retries = job.retries() + outcome.stats().retries();
        long hedges = job.hedges() + outcome.stats().hedges();
        if (!cancelled && sliceEnded && recorded.size() < plan.size() && now.isBefore(job.deadline())) {
            // release the lease at once, so the next run need not wait for it to pass
            store.renew(job.key(), holder, now, retries, hedges);
            LOG.infof("job %s: %d of %d chunks recorded; handed on to a new run", job.key().jobId(),
                    recorded.size(), plan.size());
            return Ended.HANDED_ON;
        }
        JobEnding.Final result = ending.of(job, plan, recorded, outcome, cancelled);
        if (!store.finish(job.key(), holder, result.state(), retries, hedges, result.outcomeText(), now)) {
            return Ended.LOST;
        }
        metrics.finished(result.state());
        LOG.infof("job %s %s: %d of %d chunks, retries=%d hedges=%d runs=%d", job.key().jobId(), result.state(),
                recorded.size(), plan.size(), retries, hedges, job.runs());
        return Ended.FINISHED;
    }
}
