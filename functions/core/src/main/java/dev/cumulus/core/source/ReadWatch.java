package dev.cumulus.core.source;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The bounds of one range read, judged on a clock the caller supplies: a total deadline, the longest wait for the
 * next bytes, and a minimum transfer rate averaged over a window (the first window starts when the body starts, so a
 * slow start is forgiven for one window). The first breach wins and runs the abort action, which closes the
 * connection; {@link #abort} lets others stop the read too (the caller went away).
 */
final class ReadWatch {

    enum Breach {
        DEADLINE, IDLE, TOO_SLOW, CALLER_GONE
    }

    private final LongSupplier nanoClock;
    private final long timeoutNanos;
    private final long deadline;
    private final long idleNanos;
    private final long minBytesPerSecond;
    private final long windowNanos;

    private long lastProgress;
    private boolean bodyStarted;
    private long windowStart;
    private long windowBytes;
    private volatile Breach breach;
    private Runnable abortAction;

    /**
     * @param timeout the whole read's time
     * @param idle longest wait for the next bytes (or for the answer)
     * @param minBytesPerSecond slowest rate accepted, 0 for any
     * @param window how long the rate is averaged over
     */
    ReadWatch(LongSupplier nanoClock, Duration timeout, Duration idle, long minBytesPerSecond, Duration window) {
        if (timeout.isNegative() || timeout.isZero() || idle.isNegative() || idle.isZero() || minBytesPerSecond < 0
                || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("read bounds must be positive");
        }
        this.nanoClock = nanoClock;
        this.timeoutNanos = timeout.toNanos();
        this.idleNanos = idle.toNanos();
        this.minBytesPerSecond = minBytesPerSecond;
        this.windowNanos = window.toNanos();
        long now = nanoClock.getAsLong();
        this.deadline = now + timeoutNanos;
        this.lastProgress = now;
    }

    Duration timeout() {
        return Duration.ofNanos(timeoutNanos);
    }

    long minBytesPerSecond() {
        return minBytesPerSecond;
    }

    /** Time left before the deadline, at least one millisecond. */
    synchronized Duration remaining() {
        return Duration.ofNanos(Math.max(1_000_000, deadline - nanoClock.getAsLong()));
    }

    /** The answer's headers arrived: the body, and the rate's first window, start now. */
    synchronized void bodyStarted() {
        long now = nanoClock.getAsLong();
        bodyStarted = true;
        windowStart = now;
        windowBytes = 0;
        lastProgress = now;
    }

    synchronized void progress(long bytes) {
        lastProgress = nanoClock.getAsLong();
        windowBytes += bytes;
    }

    /** Judges the read now; a breach aborts it. Returns the breach, or {@code null} while the read is within bounds. */
    Breach check() {
        Breach found;
        synchronized (this) {
            if (breach != null) {
                return breach;
            }
            found = judge(nanoClock.getAsLong());
        }
        if (found != null) {
            abort(found);
        }
        return breach;
    }

    private Breach judge(long now) {
        if (now - deadline >= 0) {
            return Breach.DEADLINE;
        }
        if (now - lastProgress >= idleNanos) {
            return Breach.IDLE;
        }
        long elapsed = now - windowStart;
        if (bodyStarted && minBytesPerSecond > 0 && elapsed >= windowNanos) {
            // at least minBytesPerSecond over the window just ended, then a new window
            if (windowBytes * 1_000_000_000.0 < minBytesPerSecond * (double) elapsed) {
                return Breach.TOO_SLOW;
            }
            windowStart = now;
            windowBytes = 0;
        }
        return null;
    }

    /** Stops the read for {@code why}, unless it was stopped already. */
    void abort(Breach why) {
        Runnable action;
        synchronized (this) {
            if (breach != null) {
                return;
            }
            breach = why;
            action = abortAction;
        }
        if (action != null) {
            action.run();
        }
    }

    /** What stopping the read means at this stage (cancel the request, then close the body); runs at once if stopped. */
    void onAbort(Runnable action) {
        boolean stopped;
        synchronized (this) {
            abortAction = action;
            stopped = breach != null;
        }
        if (stopped) {
            action.run();
        }
    }

    Breach breach() {
        return breach;
    }
}
