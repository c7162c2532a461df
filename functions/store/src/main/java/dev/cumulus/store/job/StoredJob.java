package dev.cumulus.store.job;

import java.time.Instant;

import dev.cumulus.core.request.TraceContext;

/**
 * A job as the store holds it.
 *
 * @param leaseHolder the instance that runs it, while {@code leaseUntil} has not passed; null when none
 * @param cancelRequested its owner asked to cancel it while an instance ran it; that instance stops at its next renewal
 * @param runs how many times it was started: 1, plus one per redrive
 * @param retries extra calls for failed attempts so far, over every run
 * @param hedges extra calls for stragglers so far, over every run
 * @param outcome the orchestrator's text (JSON) of how the last run ended, null until one did
 * @param trace the trace context it was submitted with ({@link NewJob#trace()}), kept as long as the job, through
 *        every run and redrive; null for none, and for what the store holds that is not a valid one
 */
public record StoredJob(JobKey key, String fingerprint, String request, String plan, int chunkCount, JobState state,
        Instant createdAt, Instant deadline, Instant expiresAt, String leaseHolder, Instant leaseUntil,
        boolean cancelRequested, int runs, long retries, long hedges, String outcome, Instant finishedAt,
        TraceContext trace) {

    /** A job submitted without a trace context. */
    public StoredJob(JobKey key, String fingerprint, String request, String plan, int chunkCount, JobState state,
            Instant createdAt, Instant deadline, Instant expiresAt, String leaseHolder, Instant leaseUntil,
            boolean cancelRequested, int runs, long retries, long hedges, String outcome, Instant finishedAt) {
        this(key, fingerprint, request, plan, chunkCount, state, createdAt, deadline, expiresAt, leaseHolder,
                leaseUntil, cancelRequested, runs, retries, hedges, outcome, finishedAt, null);
    }

    /** Whether some instance holds the lease at {@code now}. */
    public boolean leased(Instant now) {
        return leaseHolder != null && leaseUntil != null && leaseUntil.isAfter(now);
    }
}
