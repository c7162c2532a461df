package dev.cumulus.store.job;

import java.time.Instant;

/**
 * A job as the store holds it.
 *
 * @param leaseHolder the instance that runs it, while {@code leaseUntil} has not passed; null when none
 * @param cancelRequested its owner asked to cancel it while an instance ran it; that instance stops at its next renewal
 * @param runs how many times it was started: 1, plus one per redrive
 * @param retries extra calls for failed attempts so far, over every run
 * @param hedges extra calls for stragglers so far, over every run
 * @param outcome the orchestrator's text (JSON) of how the last run ended, null until one did
 */
public record StoredJob(JobKey key, String fingerprint, String request, String plan, int chunkCount, JobState state,
        Instant createdAt, Instant deadline, Instant expiresAt, String leaseHolder, Instant leaseUntil,
        boolean cancelRequested, int runs, long retries, long hedges, String outcome, Instant finishedAt) {

    /** Whether some instance holds the lease at {@code now}. */
    public boolean leased(Instant now) {
        return leaseHolder != null && leaseUntil != null && leaseUntil.isAfter(now);
    }
}
