package dev.cumulus.aggregate.run;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The calls of {@code sum-chunk} one job may make beyond the first call of each chunk: every retry and every hedge
 * takes one. Once it is spent, no chunk is retried or hedged again, so a job makes at most as many calls as it has
 * chunks plus this budget, whatever fails. Taken from the threads that see failures, so it is atomic.
 */
public final class CallBudget {

    private final AtomicInteger left;

    public CallBudget(int extraCalls) {
        if (extraCalls < 0) {
            throw new IllegalArgumentException("extraCalls must not be negative: " + extraCalls);
        }
        this.left = new AtomicInteger(extraCalls);
    }

    /** The extra calls of a job of {@code chunks} chunks: the fraction of them, rounded up, at least {@code min}. */
    public static int extraCallsFor(int chunks, double fraction, int min) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(min, (long) Math.ceil(chunks * Math.max(0, fraction))));
    }

    /** Takes one extra call; false when none is left. */
    public boolean take() {
        return left.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    public int left() {
        return left.get();
    }
}
