package dev.cumulus.aggregate.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.cumulus.store.job.ChunkRecord;
import dev.cumulus.store.job.JobKey;
import dev.cumulus.store.job.JobState;
import dev.cumulus.store.job.JobStore;
import dev.cumulus.store.job.NewJob;
import dev.cumulus.store.job.StoredJob;

/**
 * The job ledger's contract in memory, for the orchestration tests that drive time by hand (the real backends have
 * their own contract tests). Every method is atomic, as the engines' conditional writes are. It counts the chunk
 * records written, so a test can tell that none was written twice.
 */
final class MemoryJobStore implements JobStore {

    private final Map<JobKey, StoredJob> jobs = new HashMap<>();
    private final Map<JobKey, TreeMap<Integer, ChunkRecord>> chunks = new HashMap<>();
    private int duplicateRecords;

    synchronized int duplicateRecords() {
        return duplicateRecords;
    }

    @Override
    public synchronized StoredJob submit(NewJob j, Instant now) {
        Optional<StoredJob> existing = find(j.key(), now);
        if (existing.isPresent()) {
            return existing.get();
        }
        chunks.remove(j.key());
        StoredJob job = new StoredJob(j.key(), j.fingerprint(), j.request(), j.plan(), j.chunkCount(),
                JobState.PENDING, j.createdAt(), j.deadline(), j.expiresAt(), null, null, false, 1, 0, 0, null, null,
                j.trace());
        jobs.put(j.key(), job);
        return job;
    }

    @Override
    public synchronized Optional<StoredJob> find(JobKey key, Instant now) {
        StoredJob job = jobs.get(key);
        return job == null || !job.expiresAt().isAfter(now) ? Optional.empty() : Optional.of(job);
    }

    @Override
    public synchronized Optional<StoredJob> claim(JobKey key, String holder, Instant now, Instant leaseUntil) {
        StoredJob j = jobs.get(key);
        if (j == null || j.state().isFinal() || j.cancelRequested()
                || (j.leased(now) && !holder.equals(j.leaseHolder()))) {
            return Optional.empty();
        }
        return Optional.of(put(new StoredJob(key, j.fingerprint(), j.request(), j.plan(), j.chunkCount(),
                JobState.RUNNING, j.createdAt(), j.deadline(), j.expiresAt(), holder, leaseUntil, false, j.runs(),
                j.retries(), j.hedges(), j.outcome(), j.finishedAt(), j.trace())));
    }

    @Override
    public synchronized Optional<StoredJob> renew(JobKey key, String holder, Instant leaseUntil, long retries,
            long hedges) {
        StoredJob j = jobs.get(key);
        if (j == null || j.state() != JobState.RUNNING || !holder.equals(j.leaseHolder())) {
            return Optional.empty();
        }
        return Optional.of(put(new StoredJob(key, j.fingerprint(), j.request(), j.plan(), j.chunkCount(), j.state(),
                j.createdAt(), j.deadline(), j.expiresAt(), holder, leaseUntil, j.cancelRequested(), j.runs(),
                retries, hedges, j.outcome(), j.finishedAt(), j.trace())));
    }

    @Override
    public synchronized int record(JobKey key, List<ChunkRecord> records) {
        TreeMap<Integer, ChunkRecord> of = chunks.computeIfAbsent(key, k -> new TreeMap<>());
        int added = 0;
        for (ChunkRecord r : records) {
            if (of.putIfAbsent(r.index(), r) == null) {
                added++;
            } else {
                duplicateRecords++;
            }
        }
        return added;
    }

    @Override
    public synchronized List<ChunkRecord> chunks(JobKey key) {
        return new ArrayList<>(chunks.getOrDefault(key, new TreeMap<>()).values());
    }

    @Override
    public synchronized boolean finish(JobKey key, String holder, JobState state, long retries, long hedges,
            String outcome, Instant finishedAt) {
        StoredJob j = jobs.get(key);
        if (j == null || j.state() != JobState.RUNNING || !holder.equals(j.leaseHolder())) {
            return false;
        }
        put(new StoredJob(key, j.fingerprint(), j.request(), j.plan(), j.chunkCount(), state, j.createdAt(),
                j.deadline(), j.expiresAt(), null, null, j.cancelRequested(), j.runs(), retries, hedges, outcome,
                finishedAt, j.trace()));
        return true;
    }

    @Override
    public synchronized Optional<StoredJob> cancel(JobKey key, Instant now) {
        StoredJob j = jobs.get(key);
        if (j == null) {
            return Optional.empty();
        }
        if (j.state().isFinal()) {
            return Optional.of(j);
        }
        boolean atOnce = j.state() == JobState.PENDING || !j.leased(now);
        return Optional.of(put(new StoredJob(key, j.fingerprint(), j.request(), j.plan(), j.chunkCount(),
                atOnce ? JobState.CANCELLED : j.state(), j.createdAt(), j.deadline(), j.expiresAt(),
                atOnce ? null : j.leaseHolder(), atOnce ? null : j.leaseUntil(), !atOnce, j.runs(), j.retries(),
                j.hedges(), j.outcome(), atOnce ? now : null, j.trace())));
    }

    @Override
    public synchronized Optional<StoredJob> redrive(JobKey key, Instant now, Instant deadline, Instant expiresAt) {
        StoredJob j = jobs.get(key);
        if (j == null) {
            return Optional.empty();
        }
        if (!j.state().isRedrivable()) {
            return Optional.of(j);
        }
        return Optional.of(put(new StoredJob(key, j.fingerprint(), j.request(), j.plan(), j.chunkCount(),
                JobState.PENDING, j.createdAt(), deadline, expiresAt, null, null, false, j.runs() + 1, j.retries(),
                j.hedges(), null, null, j.trace())));
    }

    @Override
    public synchronized int countUnfinished(String owner, Instant now) {
        return (int) jobs.values().stream()
                .filter(j -> j.key().owner().equals(owner) && !j.state().isFinal() && j.expiresAt().isAfter(now))
                .count();
    }

    @Override
    public synchronized int purgeExpired(Instant now) {
        List<JobKey> gone = jobs.values().stream().filter(j -> !j.expiresAt().isAfter(now)).map(StoredJob::key)
                .toList();
        gone.forEach(k -> {
            jobs.remove(k);
            chunks.remove(k);
        });
        return gone.size();
    }

    private StoredJob put(StoredJob job) {
        jobs.put(job.key(), job);
        return job;
    }
}
