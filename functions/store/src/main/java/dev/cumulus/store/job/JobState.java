package dev.cumulus.store.job;

/** Where a job is. The last four are final until a redrive sends a {@code PARTIAL} or {@code FAILED} job back. */
public enum JobState {
    /** Submitted; no instance has taken it up yet. */
    PENDING,
    /** An instance holds its lease and calls its chunks. */
    RUNNING,
    /** Every chunk was summed. */
    SUCCEEDED,
    /** Some chunks failed, no more than the job tolerated. */
    PARTIAL,
    /** More chunks failed than tolerated, or its deadline passed. */
    FAILED,
    /** Its owner cancelled it. */
    CANCELLED;

    public boolean isFinal() {
        return this != PENDING && this != RUNNING;
    }

    /** A job that a redrive may send back to run its failed chunks again. */
    public boolean isRedrivable() {
        return this == PARTIAL || this == FAILED;
    }
}
