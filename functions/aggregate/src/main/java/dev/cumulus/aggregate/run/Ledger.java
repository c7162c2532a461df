package dev.cumulus.aggregate.run;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import dev.cumulus.aggregate.AggregateResult.ChunkError;
import dev.cumulus.aggregate.AggregateResult.ChunkStats;
import dev.cumulus.core.number.ExactSum;

/**
 * The accounts of one job: each chunk is settled exactly once, by its first result or by its failure, however many
 * calls (retries, hedges) answered for it; what comes later for a settled chunk is ignored. Only the retry and hedge
 * counters may be touched from other threads.
 */
public final class Ledger {

    private final int total;
    private final BitSet settled;
    private final Map<Integer, ChunkError> failures = new TreeMap<>();
    private final AtomicInteger retries = new AtomicInteger();
    private final AtomicInteger hedges = new AtomicInteger();
    private final AtomicIntegerArray calls;
    private ExactSum sum = ExactSum.EMPTY;
    private int succeeded;

    /** Which object each chunk reads, when the job reads several; {@code null} otherwise. */
    private final int[] objectOf;
    private final ExactSum[] objectSums;

    public Ledger(int total) {
        this(total, null, 0);
    }

    /**
     * @param objectOf the object each chunk reads, for a job over several objects (each gets a sum of its own), or
     *        {@code null}
     * @param objects how many objects there are
     */
    public Ledger(int total, int[] objectOf, int objects) {
        this.total = total;
        this.settled = new BitSet(total);
        this.calls = new AtomicIntegerArray(total);
        this.objectOf = objectOf;
        this.objectSums = objectOf == null ? null : new ExactSum[objects];
        if (objectSums != null) {
            Arrays.fill(objectSums, ExactSum.EMPTY);
        }
    }

    /**
     * Counts a chunk as summed by an earlier run (a result read back from the job ledger): it is settled and in the
     * sum, and takes no call. False when it was already settled.
     */
    public boolean recorded(int index, ExactSum result) {
        return succeed(index, result);
    }

    /** Counts the result of a chunk; false when the chunk was already settled (the slower of two calls). */
    public boolean succeed(int index, ExactSum result) {
        if (!settle(index)) {
            return false;
        }
        sum = sum.merge(result);
        if (objectOf != null) {
            objectSums[objectOf[index]] = objectSums[objectOf[index]].merge(result);
        }
        succeeded++;
        return true;
    }

    /** Counts a chunk as failed; false when it was already settled. */
    public boolean fail(int index, ChunkError error) {
        if (!settle(index)) {
            return false;
        }
        failures.put(index, error);
        return true;
    }

    private boolean settle(int index) {
        if (index < 0 || index >= total) {
            throw new IndexOutOfBoundsException("no chunk " + index + " in a job of " + total);
        }
        if (settled.get(index)) {
            return false;
        }
        settled.set(index);
        return true;
    }

    public boolean isSettled(int index) {
        return settled.get(index);
    }

    public boolean isComplete() {
        return succeeded + failures.size() == total;
    }

    /** Counts a call of chunk {@code index}: its first, a retry or a hedge. */
    public void called(int index) {
        calls.incrementAndGet(index);
    }

    /** The calls made so far for chunk {@code index}. */
    public int calls(int index) {
        return calls.get(index);
    }

    public void retried(int index) {
        retries.incrementAndGet();
        called(index);
    }

    public void hedged() {
        hedges.incrementAndGet();
    }

    public int failedCount() {
        return failures.size();
    }

    /** The failed chunks by index. */
    public Map<Integer, ChunkError> failures() {
        return failures;
    }

    public ExactSum sum() {
        return sum;
    }

    /** The sum of each object so far, for a job over several objects; {@code null} otherwise. */
    public List<ExactSum> objectSums() {
        return objectSums == null ? null : List.of(objectSums);
    }

    public ChunkStats stats() {
        return new ChunkStats(total, succeeded, failures.size(), retries.get(), hedges.get());
    }
}
