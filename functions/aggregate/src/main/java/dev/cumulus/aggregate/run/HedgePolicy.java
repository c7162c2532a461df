package dev.cumulus.aggregate.run;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Decides when a chunk has run long enough to send a duplicate call (a hedge): longer than a percentile of the
 * durations of the chunks finished so far (once enough have finished), or than a fixed delay when one is configured,
 * whichever comes first, and never before a minimum. Hedges are limited to a budget per job. One instance per job,
 * used by one thread at a time; time comes from the caller, so decisions are repeatable.
 */
public final class HedgePolicy {

    /** The most recent durations are enough to know the percentile and adapt to it. */
    static final int WINDOW = 1024;

    private final Optional<Duration> fixedDelay;
    private final double percentile;
    private final int minSamples;
    private final Duration minDelay;
    private final long[] samples = new long[WINDOW];
    private int count;
    private int budget;
    private Duration threshold;

    public HedgePolicy(Optional<Duration> fixedDelay, double percentile, int minSamples, Duration minDelay,
            int budget) {
        if (percentile <= 0 || percentile > 1) {
            throw new IllegalArgumentException("percentile must be in (0, 1]: " + percentile);
        }
        if (minSamples < 1 || budget < 0) {
            throw new IllegalArgumentException("minSamples must be positive and budget not negative");
        }
        this.fixedDelay = fixedDelay;
        this.percentile = percentile;
        this.minSamples = minSamples;
        this.minDelay = minDelay;
        this.budget = budget;
    }

    /** The hedges a job of {@code chunks} chunks may send: the fraction of them, at least one; none for 0. */
    public static int budgetFor(int chunks, double fraction) {
        return fraction <= 0 || chunks == 0 ? 0 : Math.max(1, (int) Math.floor(chunks * fraction));
    }

    /** A chunk finished after {@code took}, first call to answer. */
    public void finished(Duration took) {
        samples[count % WINDOW] = took.toNanos();
        count++;
        threshold = null;
    }

    /** Whether a chunk whose first call started at {@code startedAt} should be hedged at {@code now}. */
    public boolean shouldHedge(Instant startedAt, Instant now) {
        if (budget == 0) {
            return false;
        }
        Optional<Duration> t = threshold();
        return t.isPresent() && Duration.between(startedAt, now).compareTo(t.get()) > 0;
    }

    /** Takes one hedge from the budget. */
    public void hedged() {
        if (budget == 0) {
            throw new IllegalStateException("no hedge left in the budget");
        }
        budget--;
    }

    public int budgetLeft() {
        return budget;
    }

    /** How long a chunk may run before it is hedged; empty while nothing says yet. */
    public Optional<Duration> threshold() {
        if (threshold == null) {
            Optional<Duration> observed = count >= minSamples ? Optional.of(percentileOfSamples()) : Optional.empty();
            Optional<Duration> first = observed.isEmpty()
                    ? fixedDelay
                    : fixedDelay.map(d -> d.compareTo(observed.get()) < 0 ? d : observed.get()).or(() -> observed);
            threshold = first.map(d -> d.compareTo(minDelay) < 0 ? minDelay : d).orElse(null);
            if (threshold == null) {
                return Optional.empty();
            }
        }
        return Optional.of(threshold);
    }

    private Duration percentileOfSamples() {
        long[] sorted = Arrays.copyOf(samples, Math.min(count, WINDOW));
        Arrays.sort(sorted);
        // nearest rank: the smallest sample with at least this fraction of the samples at or below it
        int rank = (int) Math.ceil(percentile * sorted.length);
        return Duration.ofNanos(sorted[Math.max(rank, 1) - 1]);
    }
}
