package dev.cumulus.aggregate.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import io.smallrye.mutiny.Uni;

/**
 * Time that a test drives, on the test's own thread: a clock that stands still until the test moves it, a
 * {@link Scheduler} whose tasks run when the clock reaches them, and an executor whose tasks run when the test lets
 * them. Nothing waits for real time, so outcomes and durations are exact.
 */
public final class ManualTime implements Scheduler {

    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final class Task implements Cancellable {
        final Instant due;
        final long seq;
        final Runnable body;
        boolean cancelled;

        Task(Instant due, long seq, Runnable body) {
            this.due = due;
            this.seq = seq;
            this.body = body;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    private final PriorityQueue<Task> tasks = new PriorityQueue<>(
            Comparator.<Task, Instant>comparing(t -> t.due).thenComparingLong(t -> t.seq));
    private final ArrayDeque<Runnable> ready = new ArrayDeque<>();
    private Instant now = START;
    private long seq;

    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    public Clock clock() {
        return clock;
    }

    /** Runs its tasks when the test lets it: after each step of time. */
    public Executor executor() {
        return ready::add;
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Task t = new Task(delay.isNegative() ? now : now.plus(delay), seq++, task);
        tasks.add(t);
        return t;
    }

    /** The time gone since the start. */
    public Duration elapsed() {
        return Duration.between(START, now);
    }

    /** Runs what is ready, then moves the clock to the next task and runs it; false when nothing is scheduled. */
    public boolean step() {
        runReady();
        Task next;
        do {
            next = tasks.poll();
        } while (next != null && next.cancelled);
        if (next == null) {
            return false;
        }
        if (next.due.isAfter(now)) {
            now = next.due;
        }
        next.body.run();
        runReady();
        return true;
    }

    /** Subscribes and moves time on until the answer is there, failing if time stands still or runs past a limit. */
    public <T> T await(Uni<T> uni, Duration limit) {
        CompletableFuture<T> result = uni.subscribe().asCompletionStage();
        Instant until = now.plus(limit);
        runReady();
        while (!result.isDone()) {
            if (!step() && !result.isDone()) {
                throw new AssertionError("nothing left to run, and no answer at " + elapsed());
            }
            if (now.isAfter(until)) {
                throw new AssertionError("no answer within " + limit);
            }
        }
        try {
            return result.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private void runReady() {
        Runnable r;
        while ((r = ready.poll()) != null) {
            r.run();
        }
    }
}
