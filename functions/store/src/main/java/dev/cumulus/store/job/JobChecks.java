package dev.cumulus.store.job;

import java.util.Objects;

/**
 * The checks every {@link JobStore} makes of the arguments that no record type carries, before it writes anything,
 * so that each store refuses the same calls with the same {@link IllegalArgumentException}.
 */
public final class JobChecks {

    /** The longest lease holder (an instance's id) a store keeps. */
    public static final int MAX_HOLDER_LENGTH = 128;
    /** The longest fingerprint a store keeps (a SHA-256 digest in hexadecimal with a prefix is some 70). */
    public static final int MAX_FINGERPRINT_LENGTH = 128;

    private JobChecks() {
    }

    /** A lease holder: 1 to {@link #MAX_HOLDER_LENGTH} characters. */
    public static String holder(String holder) {
        Objects.requireNonNull(holder, "holder");
        if (holder.isEmpty() || holder.length() > MAX_HOLDER_LENGTH) {
            throw new IllegalArgumentException("a lease holder has 1 to " + MAX_HOLDER_LENGTH + " characters");
        }
        return holder;
    }

    /** A new job: its fingerprint within {@link #MAX_FINGERPRINT_LENGTH}. */
    public static NewJob newJob(NewJob job) {
        Objects.requireNonNull(job, "job");
        if (job.fingerprint().length() > MAX_FINGERPRINT_LENGTH) {
            throw new IllegalArgumentException("a fingerprint has at most " + MAX_FINGERPRINT_LENGTH + " characters");
        }
        return job;
    }

    /** The end of a run: a final state, counts that are not negative, an outcome within the text bound. */
    public static void finish(JobState state, long retries, long hedges, String outcome) {
        Objects.requireNonNull(state, "state");
        if (!state.isFinal()) {
            throw new IllegalArgumentException("a run ends in a final state, not " + state);
        }
        counts(retries, hedges);
        if (outcome != null && outcome.length() > NewJob.MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("an outcome holds at most " + NewJob.MAX_TEXT_LENGTH + " characters");
        }
    }

    /** Retry and hedge counts: not negative. */
    public static void counts(long retries, long hedges) {
        if (retries < 0 || hedges < 0) {
            throw new IllegalArgumentException("retries and hedges must not be negative");
        }
    }
}
