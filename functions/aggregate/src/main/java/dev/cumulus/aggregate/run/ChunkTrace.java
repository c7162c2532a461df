package dev.cumulus.aggregate.run;

import dev.cumulus.core.request.TraceContext;

/**
 * The trace of one chunk's calls in a job: one span from its first call until the chunk is settled, with its retries
 * and its hedge as events, and the trace context each call sends {@code sum-chunk}. Its methods may be called from
 * any thread; ending twice is harmless.
 */
public interface ChunkTrace {

    /** Records nothing and sends nothing. */
    ChunkTrace NONE = new ChunkTrace() {
    };

    /** What a call of the chunk sends, or {@code null} for nothing. */
    default TraceContext context() {
        return null;
    }

    /** A second call of the chunk started while the first runs on. */
    default void hedged() {
    }

    /** Retry number {@code retry} of a call starts after {@code backoffMillis}, because of an error {@code code}. */
    default void retried(int retry, String code, long backoffMillis) {
    }

    /** The chunk is settled: summed when {@code code} is {@code null}, else failed with it. */
    default void ended(String code) {
    }

    /** Makes the trace of each chunk of one job. */
    @FunctionalInterface
    interface Job {

        /** Traces nothing. */
        Job NONE = index -> ChunkTrace.NONE;

        /** The trace of chunk {@code index}, called once, at its first call. */
        ChunkTrace chunk(int index);
    }
}
