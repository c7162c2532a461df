package dev.cumulus.store.job;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The job ledger: jobs and the result of each of their chunks, kept beside the accounts. Every change that two
 * instances may race on is a conditional write in the engine (a compare-and-set on the job, an insert-if-absent per
 * chunk), so a chunk is recorded once however many calls, retries, hedges or instances answered for it, and one lease
 * holder at a time runs a job. A job past its {@code expiresAt} is as if it did not exist. When the engine cannot be
 * reached or fails, a method throws {@link dev.cumulus.store.StoreUnavailableException}.
 */
public interface JobStore {

    /**
     * Stores a new job as {@link JobState#PENDING}, {@code runs} 1, with its trace context, if any. When its key is taken by a job that has not
     * expired, nothing is written and that job is returned: the caller compares fingerprints (same request: the same
     * job again; another: a conflict). An expired job under the key is replaced, with its chunks.
     */
    StoredJob submit(NewJob job, Instant now);

    /** The job under this key, unless there is none or it has expired at {@code now}. */
    Optional<StoredJob> find(JobKey key, Instant now);

    /**
     * Takes the lease of a job that is {@code PENDING} or {@code RUNNING} and not cancelled, when no other holder has
     * it at {@code now} (none, or expired, or {@code holder} itself): the job becomes {@code RUNNING} with the lease
     * until {@code leaseUntil}. Empty when it could not be taken; the caller reads the job to learn why.
     */
    Optional<StoredJob> claim(JobKey key, String holder, Instant now, Instant leaseUntil);

    /**
     * Extends the lease of {@code holder} and stores the retry and hedge counts so far. Empty when the holder has lost
     * the lease (another instance took it, or the job ended); the job as written otherwise, whose
     * {@link StoredJob#cancelRequested()} tells the holder to stop.
     */
    Optional<StoredJob> renew(JobKey key, String holder, Instant leaseUntil, long retries, long hedges);

    /**
     * Records chunk results, each only if no result is recorded for its index yet, in as few round trips as the
     * engine allows. Returns how many were new.
     */
    int record(JobKey key, List<ChunkRecord> chunks);

    /** Every recorded chunk of the job, by index. */
    List<ChunkRecord> chunks(JobKey key);

    /**
     * Ends the run of {@code holder}: the job takes the final {@code state}, the counts and {@code outcome}, and
     * loses its lease. False, with nothing written, when {@code holder} no longer holds the lease.
     */
    boolean finish(JobKey key, String holder, JobState state, long retries, long hedges, String outcome,
            Instant finishedAt);

    /**
     * Cancels a job: a {@code PENDING} job, or a {@code RUNNING} one whose lease has passed at {@code now}, becomes
     * {@code CANCELLED} at once; a {@code RUNNING} one with a live lease gets {@code cancelRequested}, and its holder
     * ends it; a final job is left as it is. Returns the job as written, empty when there is none.
     */
    Optional<StoredJob> cancel(JobKey key, Instant now);

    /**
     * Sends a {@code PARTIAL} or {@code FAILED} job back to {@code PENDING} to run the chunks without a recorded
     * result again: {@code runs} grows by one, the deadline and retention are the new ones, the outcome is cleared.
     * Returns the job as written (unchanged when its state allows no redrive), empty when there is none.
     */
    Optional<StoredJob> redrive(JobKey key, Instant now, Instant deadline, Instant expiresAt);

    /** How many jobs of {@code owner} are {@code PENDING} or {@code RUNNING} and not expired at {@code now}. */
    int countUnfinished(String owner, Instant now);

    /**
     * Deletes the jobs, with their chunks, whose retention has passed at {@code now}; returns how many. A store whose
     * engine expires items itself (DynamoDB's time to live) may return 0 and leave it to the engine.
     */
    int purgeExpired(Instant now);
}
