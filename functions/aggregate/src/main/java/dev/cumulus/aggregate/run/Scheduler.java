package dev.cumulus.aggregate.run;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task after a delay, on the engine's time: the job's deadline, the hedge checks, the backoff between retries
 * and the timeout of each call. The application runs it on a timer thread; tests run it by hand, with the clock they
 * move, so that every decision that depends on time is exact.
 */
public interface Scheduler {

    /** A scheduled task that has not run yet may be called off. */
    interface Cancellable {
        void cancel();
    }

    /** Runs {@code task} once, {@code delay} from now (at once for a delay of zero or less). */
    Cancellable schedule(Duration delay, Runnable task);

    /** On a timer thread of the given executor. */
    static Scheduler on(ScheduledExecutorService timer) {
        return (delay, task) -> {
            ScheduledFuture<?> f = timer.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
            return () -> f.cancel(false);
        };
    }
}
