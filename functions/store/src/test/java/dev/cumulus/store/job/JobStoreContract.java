package dev.cumulus.store.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.cumulus.core.request.TraceContext;
import dev.cumulus.store.testing.Concurrently;
import dev.cumulus.store.testing.Concurrently.Outcome;

/**
 * What every {@link JobStore} guarantees, run against a real engine by each implementation's test. Subclasses start
 * the engine once per class; each case uses owners of its own, so the cases share one store. In the test-jar of the
 * store, like {@code UserStoreContract}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class JobStoreContract {

    private static final AtomicInteger OWNERS = new AtomicInteger();
    // whole milliseconds, which every store keeps exactly; decades ahead of the wall clock, which an engine's own
    // expiry (DynamoDB Local runs time to live) reads: the cases' jobs must not vanish under them
    protected static final Instant CREATED_AT = Instant.parse("2095-03-04T05:06:07.891Z");
    protected static final Instant NOW = CREATED_AT.plusSeconds(60);
    protected static final Instant DEADLINE = CREATED_AT.plusSeconds(15 * 60);
    protected static final Instant EXPIRES_AT = CREATED_AT.plusSeconds(24 * 3600);
    /** A lease of 30 s from {@link #NOW}. */
    protected static final Instant LEASE = NOW.plusSeconds(30);
    protected static final String FINGERPRINT = "sha256:5f2b0c";
    protected static final String REQUEST = "{\"values\":[1,\"2.5\",-3],\"chunkSize\":1}";
    protected static final String PLAN = "{\"chunks\":[[0,1],[1,1],[2,1]]}";
    protected static final String OUTCOME = "{\"status\":\"PARTIAL\",\"failed\":[2]}";
    /** The W3C specification's example: a sampled context with two tracestate members. */
    protected static final TraceContext TRACE = TraceContext.parse(
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7")
            .orElseThrow();

    /** The store under test, over a working engine that has the schema or table. */
    protected abstract JobStore store();

    /**
     * Whether {@link JobStore#purgeExpired} deletes expired jobs itself; false for a store that leaves it to the
     * engine (and returns 0).
     */
    protected abstract boolean purgesExpiredJobs();

    // --- submit and find ---

    @Test
    void submit_newKey_storesAPendingJobAsGiven() {
        // given
        JobKey key = uniqueKey("job-1");

        // when
        StoredJob stored = store().submit(newJob(key), CREATED_AT);

        // then
        assertThat(stored).isEqualTo(new StoredJob(key, FINGERPRINT, REQUEST, PLAN, 3, JobState.PENDING, CREATED_AT,
                DEADLINE, EXPIRES_AT, null, null, false, 1, 0, 0, null, null));
        assertThat(store().find(key, NOW)).contains(stored);
    }

    @Test
    void submit_keyOfALiveJob_returnsThatJobUnchangedAndWritesNothing() {
        // given: a job an instance runs
        JobKey key = uniqueKey("job-1");
        StoredJob running = claimed(key, "instance-a");

        // when: another request under the same id
        StoredJob answer = store().submit(new NewJob(key, "sha256:other", "{\"values\":[9]}", "{}", 1,
                NOW, NOW.plusSeconds(60), NOW.plusSeconds(3600)), NOW);

        // then: the caller sees the first job and can tell the fingerprints apart
        assertThat(answer).isEqualTo(running);
        assertThat(store().find(key, NOW)).contains(running);
    }

    @Test
    void submit_keyOfAnExpiredJob_replacesItAndForgetsItsChunks() {
        // given: a job whose retention ended, with recorded chunks
        JobKey key = uniqueKey("job-1");
        Instant expired = CREATED_AT.plusSeconds(30);
        store().submit(new NewJob(key, FINGERPRINT, REQUEST, PLAN, 3, CREATED_AT, expired, expired), CREATED_AT);
        assertThat(store().record(key, List.of(chunk(0), chunk(1)))).isEqualTo(2);

        // when
        NewJob again = new NewJob(key, "sha256:other", "{\"values\":[7]}", "{\"chunks\":[[0,1]]}", 1, NOW, DEADLINE,
                EXPIRES_AT);
        StoredJob stored = store().submit(again, NOW);

        // then: a new job, none of the old chunks, and its chunk 0 can be recorded anew
        assertThat(stored).isEqualTo(new StoredJob(key, "sha256:other", again.request(), again.plan(), 1,
                JobState.PENDING, NOW, DEADLINE, EXPIRES_AT, null, null, false, 1, 0, 0, null, null));
        assertThat(store().find(key, NOW)).contains(stored);
        assertThat(store().chunks(key)).isEmpty();
        ChunkRecord fresh = new ChunkRecord(0, 0, 1, 1, "7", "7", "7", 1);
        assertThat(store().record(key, List.of(fresh))).isEqualTo(1);
        assertThat(store().chunks(key)).containsExactly(fresh);
    }

    @Test
    void find_atItsExpiry_isEmpty() {
        // given
        JobKey key = uniqueKey("job-1");
        store().submit(newJob(key), CREATED_AT);

        // when / then: retention ends at expiresAt itself
        assertThat(store().find(key, EXPIRES_AT.minusMillis(1))).isPresent();
        assertThat(store().find(key, EXPIRES_AT)).isEmpty();
        assertThat(store().find(key, EXPIRES_AT.plusSeconds(1))).isEmpty();
    }

    @Test
    void unknownKey_isNotFoundAndChangesCreateNothing() {
        JobKey key = uniqueKey("nothing");

        assertThat(store().find(key, NOW)).isEmpty();
        assertThat(store().claim(key, "instance-a", NOW, LEASE)).isEmpty();
        assertThat(store().renew(key, "instance-a", LEASE, 1, 1)).isEmpty();
        assertThat(store().finish(key, "instance-a", JobState.SUCCEEDED, 0, 0, OUTCOME, NOW)).isFalse();
        assertThat(store().cancel(key, NOW)).isEmpty();
        assertThat(store().redrive(key, NOW, DEADLINE, EXPIRES_AT)).isEmpty();
        assertThat(store().record(key, List.of(chunk(0)))).isZero();
        assertThat(store().chunks(key)).isEmpty();
        assertThat(store().find(key, NOW)).isEmpty();
    }

    // --- claim ---

    @Test
    void claim_pendingJob_takesTheLease() {
        // given
        JobKey key = uniqueKey("job-1");
        StoredJob pending = store().submit(newJob(key), CREATED_AT);

        // when
        Optional<StoredJob> claimed = store().claim(key, "instance-a", NOW, LEASE);

        // then
        assertThat(claimed).contains(withLease(pending, JobState.RUNNING, "instance-a", LEASE));
        assertThat(store().find(key, NOW)).isEqualTo(claimed);
        assertThat(claimed.orElseThrow().leased(NOW)).isTrue();
    }

    @Test
    void claim_leaseOfAnotherHolderPassed_takesItOver() {
        // given: instance-a's lease ends at LEASE
        JobKey key = uniqueKey("job-1");
        claimed(key, "instance-a");

        // when: at LEASE itself the lease has passed
        Optional<StoredJob> takenOver = store().claim(key, "instance-b", LEASE, LEASE.plusSeconds(30));

        // then
        assertThat(takenOver).map(StoredJob::leaseHolder).contains("instance-b");
        assertThat(takenOver).map(StoredJob::leaseUntil).contains(LEASE.plusSeconds(30));
        assertThat(store().find(key, NOW)).isEqualTo(takenOver);
    }

    @Test
    void claim_byTheHolderAgain_extendsTheLease() {
        JobKey key = uniqueKey("job-1");
        claimed(key, "instance-a");

        Optional<StoredJob> again = store().claim(key, "instance-a", NOW.plusSeconds(10), LEASE.plusSeconds(10));

        assertThat(again).map(StoredJob::leaseUntil).contains(LEASE.plusSeconds(10));
        assertThat(again).map(StoredJob::state).contains(JobState.RUNNING);
    }

    @Test
    void claim_anotherHolderHasALiveLease_refusedAndNothingChanged() {
        // given
        JobKey key = uniqueKey("job-1");
        StoredJob running = claimed(key, "instance-a");

        // when: a millisecond before instance-a's lease ends
        Optional<StoredJob> refused = store().claim(key, "instance-b", LEASE.minusMillis(1), LEASE.plusSeconds(60));

        // then
        assertThat(refused).isEmpty();
        assertThat(store().find(key, NOW)).contains(running);
    }

    @Test
    void claim_cancelRequested_refusedEvenToTheHolderAndAfterItsLease() {
        // given: cancelled while instance-a ran it
        JobKey key = uniqueKey("job-1");
        claimed(key, "instance-a");
        store().cancel(key, NOW);

        // when / then
        assertThat(store().claim(key, "instance-a", NOW, LEASE.plusSeconds(30))).isEmpty();
        assertThat(store().claim(key, "instance-b", LEASE.plusSeconds(1), LEASE.plusSeconds(60))).isEmpty();
        assertThat(store().find(key, NOW)).map(StoredJob::leaseHolder).contains("instance-a");
    }

    @ParameterizedTest
    @EnumSource(value = JobState.class, names = {"SUCCEEDED", "PARTIAL", "FAILED", "CANCELLED"})
    void claim_finalJob_refusedAndNothingChanged(JobState state) {
        // given
        JobKey key = uniqueKey("job-1");
        StoredJob ended = ended(key, state);

        // when / then
        assertThat(store().claim(key, "instance-b", NOW, LEASE)).isEmpty();
        assertThat(store().find(key, NOW)).contains(ended);
    }

    @Test
    void claim_expiredJob_refused() {
        JobKey key = uniqueKey("job-1");
        store().submit(newJob(key), CREATED_AT);

        assertThat(store().claim(key, "instance-a", EXPIRES_AT, EXPIRES_AT.plusSeconds(30))).isEmpty();
        assertThat(store().find(key, NOW)).map(StoredJob::state).contains(JobState.PENDING);
    }

    @Test
    void claim_eightAtOnce_exactlyOneWins() throws Exception {
        // given
        JobKey key = uniqueKey("job-1");
        store().submit(newJob(key), CREATED_AT);

        // when
        List<Outcome<Optional<StoredJob>>> outcomes = Concurrently.run(IntStream.range(0, 8)
                .<Callable<Optional<StoredJob>>>mapToObj(i -> () -> store().claim(key, "instance-" + i, NOW, LEASE))
                .toList());

        // then
        assertThat(outcomes).allMatch(Outcome::succeeded);
        List<StoredJob> winners = outcomes.stream().map(Outcome::value).flatMap(Optional::stream).toList();
        assertThat(winners).hasSize(1);
        assertThat(store().find(key, NOW)).contains(winners.get(0));
    }

    // --- renew ---

    @Test
    void renew_byTheHolder_extendsTheLeaseAndStoresTheCounts() {
        // given
        JobKey key = uniqueKey("job-1");
        StoredJob running = claimed(key, "instance-a");

        // when
        Optional<StoredJob> renewed = store().renew(key, "instance-a", LEASE.plusSeconds(30), 3, 2);

        // then
        assertThat(renewed).contains(new StoredJob(key, FINGERPRINT, REQUEST, PLAN, 3, JobState.RUNNING, CREATED_AT,
                DEADLINE, EXPIRES_AT, "instance-a", LEASE.plusSeconds(30), false, 1, 3, 2, null, null));
        assertThat(store().find(key, NOW)).isEqualTo(renewed);
        assertThat(running.retries()).isZero();
    }

    @Test
    void renew_afterAnotherInstanceTookTheLease_emptyAndTheirLeaseStands() {
        // given: instance-a's lease passed and instance-b took the job
        JobKey key = uniqueKey("job-1");
        claimed(key, "instance-a");
        StoredJob taken = store().claim(key, "instance-b", LEASE, LEASE.plusSeconds(30)).orElseThrow();

        // when
        Optional<StoredJob> renewed = store().renew(key, "instance-a", LEASE.plusSeconds(60), 5, 5);

        // then
        assertThat(renewed).isEmpty();
        assertThat(store().find(key, NOW)).contains(taken);
    }

    @Test
    void renew_afterTheRunEnded_empty() {
        JobKey key = uniqueKey("job-1");
        StoredJob ended = ended(key, JobState.SUCCEEDED);

        assertThat(store().renew(key, "instance-a", LEASE.plusSeconds(30), 1, 1)).isEmpty();
        assertThat(store().find(key, NOW)).contains(ended);
    }

    @Test
    void renew_afterTheOwnerCancelled_showsTheRequestToStop() {
        // given
        JobKey key = uniqueKey("job-1");
        claimed(key, "instance-a");
        store().cancel(key, NOW);

        // when
        Optional<StoredJob> renewed = store().renew(key, "instance-a", LEASE.plusSeconds(30), 1, 0);

        // then: the holder learns it should stop, and still holds the lease until it does
        assertThat(renewed).map(StoredJob::cancelRequested).contains(true);
        assertThat(renewed).map(StoredJob::leaseUntil).contains(LEASE.plusSeconds(30));
    }

    // --- record and chunks ---

    @Test
    void record_newChunks_storesEachAsGivenAndCountsThem() {
        // given
        JobKey key = uniqueKey("job-1");
        store().submit(newJob(key), CREATED_AT);
        List<ChunkRecord> chunks = List.of(chunk(0), new ChunkRecord(1, 5, 0, 0, "0", null, null, 3, 4), chunk(2));

        // when
        int recorded = store().record(key, chunks);

        // then
        assertThat(recorded).isEqualTo(3);
        assertThat(store().chunks(key)).containsExactlyElementsOf(chunks);
    }

    @Test
    void record_batchWithRecordedIndices_countsOnlyTheNewAndKeepsTheFirstResults() {
        // given
        JobKey key = uniqueKey("job-1");
        store().submit(newJob(key), CREATED_AT);
        store().record(key, List.of(chunk(0), chunk(1)));

        // when: chunk 1 answered again (a hedge), differently
        ChunkRecord late = new ChunkRecord(1, 100, 100, 10, "999", "0", "999", 2);
        int recorded = store().record(key, List.of(late, chunk(2), chunk(3)));

        // then
        assertThat(recorded).isEqualTo(2);
        assertThat(store().chunks(key)).containsExactly(chunk(0), chunk(1), chunk(2), chunk(3));
    }

    @Test
    void record_oneIndexTwiceInABatch_recordsTheFirstOnce() {
        JobKey key = uniqueKey("job-1");
        store().submit(newJob(key), CREATED_AT);
        ChunkRecord second = new ChunkRecord(0, 0, 100, 1, "1", "1", "1", 2);

        assertThat(store().record(key, List.of(chunk(0), second))).isEqualTo(1);
        assertThat(store().chunks(key)).containsExactly(chunk(0));
    }

    @Test
    void record_emptyBatch_recordsNothing() {
        JobKey key = uniqueKey("job-1");
        store().submit(newJob(key), CREATED_AT);

        assertThat(store().record(key, List.of())).isZero();
        assertThat(store().chunks(key)).isEmpty();
    }

    @Test
    void chunks_recordedInAnyOrder_areReturnedByIndex() {
        // given: 12 chunks, so that 10 and 11 would sort before 2 as text
        JobKey key = uniqueKey("job-1");
        store().submit(newJob(key), CREATED_AT);
        List<ChunkRecord> shuffled = new ArrayList<>(IntStream.range(0, 12).mapToObj(JobStoreContract::chunk).toList());
        Collections.shuffle(shuffled, new Random(7));

        // when
        store().record(key, shuffled.subList(0, 6));
        store().record(key, shuffled.subList(6, 12));

        // then
        assertThat(store().chunks(key)).extracting(ChunkRecord::index)
                .containsExactlyElementsOf(IntStream.range(0, 12).boxed().toList());
    }

    @Test
    void record_overlappingBatchesAtOnce_everyIndexExactlyOnce() throws Exception {
        // given: four callers with 1,100 chunks each (more than one statement's worth for a JDBC store), each
        // overlapping the next by half, marked by their attempts so a stored chunk tells whose it is
        JobKey key = uniqueKey("job-1");
        store().submit(newJob(key), CREATED_AT);
        int callers = 4;
        int size = 1100;
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            int caller = c;
            List<ChunkRecord> batch = new ArrayList<>(IntStream.range(caller * size / 2, caller * size / 2 + size)
                    .mapToObj(i -> new ChunkRecord(i, i, 1, 1, "" + i, "" + i, "" + i, caller + 1)).toList());
            Collections.shuffle(batch, new Random(caller));
            tasks.add(() -> store().record(key, batch));
        }
        int distinct = (callers - 1) * size / 2 + size;

        // when
        List<Outcome<Integer>> outcomes = Concurrently.run(tasks);

        // then: every index once, and each caller was told exactly how many of the stored chunks are its own
        assertThat(outcomes).allMatch(Outcome::succeeded);
        List<ChunkRecord> stored = store().chunks(key);
        assertThat(stored).extracting(ChunkRecord::index)
                .containsExactlyElementsOf(IntStream.range(0, distinct).boxed().toList());
        assertThat(outcomes.stream().mapToInt(Outcome::value).sum()).isEqualTo(distinct);
        Map<Integer, Long> byCaller = stored.stream()
                .collect(Collectors.groupingBy(ChunkRecord::attempts, Collectors.counting()));
        for (int c = 0; c < callers; c++) {
            assertThat(byCaller.getOrDefault(c + 1, 0L)).as("chunks of caller %d", c)
                    .isEqualTo(outcomes.get(c).value().longValue());
        }
    }

    // --- finish ---

    @Test
    void finish_byTheHolder_endsTheRunWithItsOutcome() {
        // given
        JobKey key = uniqueKey("job-1");
        claimed(key, "instance-a");
        Instant finishedAt = NOW.plusSeconds(5);

        // when
        boolean finished = store().finish(key, "instance-a", JobState.PARTIAL, 4, 1, OUTCOME, finishedAt);

        // then
        assertThat(finished).isTrue();
        assertThat(store().find(key, NOW)).contains(new StoredJob(key, FINGERPRINT, REQUEST, PLAN, 3,
                JobState.PARTIAL, CREATED_AT, DEADLINE, EXPIRES_AT, null, null, false, 1, 4, 1, OUTCOME, finishedAt));
    }

    @Test
    void finish_byAnotherInstance_falseAndNothingWritten() {
        JobKey key = uniqueKey("job-1");
        StoredJob running = claimed(key, "instance-a");

        assertThat(store().finish(key, "instance-b", JobState.FAILED, 1, 1, OUTCOME, NOW)).isFalse();
        assertThat(store().find(key, NOW)).contains(running);
    }

    @Test
    void finish_pendingJob_falseAndNothingWritten() {
        JobKey key = uniqueKey("job-1");
        StoredJob pending = store().submit(newJob(key), CREATED_AT);

        assertThat(store().finish(key, "instance-a", JobState.SUCCEEDED, 0, 0, OUTCOME, NOW)).isFalse();
        assertThat(store().find(key, NOW)).contains(pending);
    }

    @ParameterizedTest
    @EnumSource(value = JobState.class, names = {"PENDING", "RUNNING"})
    void finish_withAStateThatIsNotFinal_refusedAndNothingWritten(JobState state) {
        JobKey key = uniqueKey("job-1");
        StoredJob running = claimed(key, "instance-a");

        assertThatThrownBy(() -> store().finish(key, "instance-a", state, 0, 0, OUTCOME, NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store().find(key, NOW)).contains(running);
    }

    // --- cancel ---

    @Test
    void cancel_pendingJob_cancelledAtOnce() {
        JobKey key = uniqueKey("job-1");
        StoredJob pending = store().submit(newJob(key), CREATED_AT);

        Optional<StoredJob> cancelled = store().cancel(key, NOW);

        assertThat(cancelled).contains(new StoredJob(key, FINGERPRINT, REQUEST, PLAN, 3, JobState.CANCELLED,
                CREATED_AT, DEADLINE, EXPIRES_AT, null, null, false, 1, 0, 0, null, NOW));
        assertThat(store().find(key, NOW)).isEqualTo(cancelled);
        assertThat(pending.state()).isEqualTo(JobState.PENDING);
    }

    @Test
    void cancel_runningJobWithALiveLease_asksItsHolderToStop() {
        // given
        JobKey key = uniqueKey("job-1");
        StoredJob running = claimed(key, "instance-a");

        // when
        Optional<StoredJob> flagged = store().cancel(key, NOW);

        // then: still the holder's to end
        assertThat(flagged).contains(new StoredJob(key, FINGERPRINT, REQUEST, PLAN, 3, JobState.RUNNING, CREATED_AT,
                DEADLINE, EXPIRES_AT, "instance-a", LEASE, true, 1, 0, 0, null, null));
        assertThat(store().find(key, NOW)).isEqualTo(flagged);
        assertThat(store().finish(key, "instance-a", JobState.CANCELLED, 0, 0, OUTCOME, NOW)).isTrue();
        assertThat(store().find(key, NOW)).map(StoredJob::state).contains(JobState.CANCELLED);
        assertThat(running.cancelRequested()).isFalse();
    }

    @Test
    void cancel_runningJobWhoseLeasePassed_cancelledAtOnce() {
        // given: its holder is gone
        JobKey key = uniqueKey("job-1");
        claimed(key, "instance-a");

        // when
        Optional<StoredJob> cancelled = store().cancel(key, LEASE);

        // then
        assertThat(cancelled).contains(new StoredJob(key, FINGERPRINT, REQUEST, PLAN, 3, JobState.CANCELLED,
                CREATED_AT, DEADLINE, EXPIRES_AT, null, null, false, 1, 0, 0, null, LEASE));
        assertThat(store().renew(key, "instance-a", LEASE.plusSeconds(30), 0, 0)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = JobState.class, names = {"SUCCEEDED", "PARTIAL", "FAILED", "CANCELLED"})
    void cancel_finalJob_leftAsItIs(JobState state) {
        JobKey key = uniqueKey("job-1");
        StoredJob ended = ended(key, state);

        assertThat(store().cancel(key, NOW.plusSeconds(10))).contains(ended);
        assertThat(store().find(key, NOW)).contains(ended);
    }

    // --- redrive ---

    @ParameterizedTest
    @EnumSource(value = JobState.class, names = {"PARTIAL", "FAILED"})
    void redrive_jobThatEndedWithFailures_pendingAgainWithItsChunks(JobState state) {
        // given: two of three chunks recorded, then the run ended with failures
        JobKey key = uniqueKey("job-1");
        claimed(key, "instance-a");
        store().record(key, List.of(chunk(0), chunk(2)));
        store().finish(key, "instance-a", state, 5, 1, OUTCOME, NOW.plusSeconds(5));
        Instant later = NOW.plusSeconds(3600);

        // when
        Optional<StoredJob> redriven = store().redrive(key, later, later.plusSeconds(600), later.plusSeconds(86400));

        // then: a second run with the new deadline and retention; the counts of earlier runs stay
        assertThat(redriven).contains(new StoredJob(key, FINGERPRINT, REQUEST, PLAN, 3, JobState.PENDING, CREATED_AT,
                later.plusSeconds(600), later.plusSeconds(86400), null, null, false, 2, 5, 1, null, null));
        assertThat(store().find(key, later)).isEqualTo(redriven);
        assertThat(store().chunks(key)).containsExactly(chunk(0), chunk(2));
        assertThat(store().record(key, List.of(chunk(1), chunk(2)))).isEqualTo(1);
    }

    @Test
    void redrive_jobWhoseCancelWasRequested_canBeClaimedAgain() {
        // given: cancelled while running, and its holder ended it as failed
        JobKey key = uniqueKey("job-1");
        claimed(key, "instance-a");
        store().cancel(key, NOW);
        store().finish(key, "instance-a", JobState.FAILED, 0, 0, OUTCOME, NOW);

        // when
        StoredJob redriven = store().redrive(key, NOW, DEADLINE, EXPIRES_AT).orElseThrow();

        // then
        assertThat(redriven.cancelRequested()).isFalse();
        assertThat(store().claim(key, "instance-b", NOW, LEASE)).map(StoredJob::runs).contains(2);
    }

    @ParameterizedTest
    @EnumSource(value = JobState.class, names = {"PENDING", "RUNNING", "SUCCEEDED", "CANCELLED"})
    void redrive_jobInAnotherState_returnedUnchanged(JobState state) {
        JobKey key = uniqueKey("job-1");
        StoredJob job = switch (state) {
            case PENDING -> store().submit(newJob(key), CREATED_AT);
            case RUNNING -> claimed(key, "instance-a");
            default -> ended(key, state);
        };

        assertThat(store().redrive(key, NOW, DEADLINE.plusSeconds(60), EXPIRES_AT.plusSeconds(60))).contains(job);
        assertThat(store().find(key, NOW)).contains(job);
    }

    @Test
    void redrive_expiredJob_empty() {
        JobKey key = uniqueKey("job-1");
        ended(key, JobState.FAILED);

        assertThat(store().redrive(key, EXPIRES_AT, EXPIRES_AT.plusSeconds(60), EXPIRES_AT.plusSeconds(3600)))
                .isEmpty();
    }

    // --- countUnfinished and purgeExpired ---

    @Test
    void countUnfinished_countsPendingAndRunningLiveJobsOfThatOwnerOnly() {
        // given: one owner with a job in every state and one expired, another owner with one pending job
        String owner = uniqueOwner();
        String other = uniqueOwner();
        store().submit(newJob(new JobKey(owner, "pending")), CREATED_AT);
        claimed(new JobKey(owner, "running"), "instance-a");
        ended(new JobKey(owner, "succeeded"), JobState.SUCCEEDED);
        ended(new JobKey(owner, "cancelled"), JobState.CANCELLED);
        Instant soon = NOW.plusSeconds(10);
        store().submit(new NewJob(new JobKey(owner, "expired"), FINGERPRINT, REQUEST, PLAN, 3, CREATED_AT, soon, soon),
                CREATED_AT);
        store().submit(newJob(new JobKey(other, "pending")), CREATED_AT);

        // when / then
        assertThat(store().countUnfinished(owner, NOW)).isEqualTo(3);
        assertThat(store().countUnfinished(owner, soon)).isEqualTo(2);
        assertThat(store().countUnfinished(other, soon)).isEqualTo(1);
        assertThat(store().countUnfinished(uniqueOwner(), NOW)).isZero();

        // and: a run that ends, a cancel and a redrive move the count
        store().finish(new JobKey(owner, "running"), "instance-a", JobState.FAILED, 0, 0, OUTCOME, soon);
        store().cancel(new JobKey(owner, "pending"), soon);
        assertThat(store().countUnfinished(owner, soon)).isZero();
        store().redrive(new JobKey(owner, "running"), soon, DEADLINE, EXPIRES_AT);
        assertThat(store().countUnfinished(owner, soon)).isEqualTo(1);
    }

    @Test
    void purgeExpired_deletesTheJobsWhoseRetentionPassedWithTheirChunks() {
        // given: long before the other cases' jobs, two jobs whose retention ends and one that lives on
        Instant longAgo = CREATED_AT.minusSeconds(1000L * 86400);
        Instant end = longAgo.plusSeconds(3600);
        String owner = uniqueOwner();
        List<JobKey> expiring = List.of(new JobKey(owner, "old-1"), new JobKey(owner, "old-2"));
        for (JobKey key : expiring) {
            store().submit(new NewJob(key, FINGERPRINT, REQUEST, PLAN, 3, longAgo, end, end), longAgo);
            store().record(key, List.of(chunk(0), chunk(1)));
        }
        JobKey kept = new JobKey(owner, "kept");
        store().submit(new NewJob(kept, FINGERPRINT, REQUEST, PLAN, 3, longAgo, end, end.plusSeconds(1)), longAgo);
        store().record(kept, List.of(chunk(0)));

        // when
        int purged = store().purgeExpired(end);

        // then: gone, or (left to the engine) hidden
        assertThat(store().find(kept, end)).isPresent();
        assertThat(store().chunks(kept)).containsExactly(chunk(0));
        expiring.forEach(key -> assertThat(store().find(key, end)).isEmpty());
        if (purgesExpiredJobs()) {
            assertThat(purged).isEqualTo(2);
            expiring.forEach(key -> assertThat(store().chunks(key)).isEmpty());
            expiring.forEach(key -> assertThat(store().find(key, longAgo)).isEmpty());
        } else {
            assertThat(purged).isZero();
        }
    }

    // --- trace context ---

    @Test
    void submit_withTraceContext_keptThroughEveryRunAndRedrive() {
        // given
        JobKey key = uniqueKey("job-1");

        // when
        StoredJob stored = store().submit(traced(key, TRACE), CREATED_AT);

        // then: every write that answers the job answers it with its trace context
        assertThat(stored.trace()).isEqualTo(TRACE);
        assertThat(store().find(key, NOW)).map(StoredJob::trace).contains(TRACE);
        assertThat(store().claim(key, "instance-a", NOW, LEASE)).map(StoredJob::trace).contains(TRACE);
        assertThat(store().renew(key, "instance-a", LEASE.plusSeconds(30), 1, 0)).map(StoredJob::trace)
                .contains(TRACE);
        assertThat(store().finish(key, "instance-a", JobState.FAILED, 1, 0, OUTCOME, NOW.plusSeconds(5))).isTrue();
        assertThat(store().redrive(key, NOW.plusSeconds(10), DEADLINE, EXPIRES_AT)).map(StoredJob::trace)
                .contains(TRACE);
        assertThat(store().claim(key, "instance-b", NOW.plusSeconds(10), LEASE.plusSeconds(10)))
                .map(StoredJob::trace).contains(TRACE);
        assertThat(store().cancel(key, NOW.plusSeconds(11))).map(StoredJob::trace).contains(TRACE);
    }

    @Test
    void submit_traceContextWithoutStateOrWithTheLongestState_keptExactly() {
        // given: an unsampled context without tracestate, and one with a tracestate of the most characters kept
        TraceContext bare = TraceContext.parse("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00", null)
                .orElseThrow();
        String longestState = "k=" + "v".repeat(TraceContext.MAX_STATE_LENGTH - 2);
        TraceContext longest = new TraceContext(TRACE.traceId(), "b7ad6b7169203331", "01", longestState);
        JobKey first = uniqueKey("bare");
        JobKey second = uniqueKey("longest");

        // when
        store().submit(traced(first, bare), CREATED_AT);
        store().submit(traced(second, longest), CREATED_AT);

        // then
        assertThat(store().find(first, NOW)).map(StoredJob::trace).contains(bare);
        assertThat(store().find(first, NOW).orElseThrow().trace().state()).isNull();
        assertThat(store().find(second, NOW)).map(StoredJob::trace).contains(longest);
        assertThat(store().find(second, NOW).orElseThrow().trace().state()).hasSize(TraceContext.MAX_STATE_LENGTH);
    }

    @Test
    void submit_keyOfALiveJob_keepsTheFirstSubmittersTraceContext() {
        // given
        JobKey key = uniqueKey("job-1");
        store().submit(traced(key, TRACE), CREATED_AT);
        TraceContext other = TraceContext.parse("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", null)
                .orElseThrow();

        // when
        StoredJob answer = store().submit(traced(key, other), NOW);

        // then
        assertThat(answer.trace()).isEqualTo(TRACE);
        assertThat(store().find(key, NOW)).map(StoredJob::trace).contains(TRACE);
    }

    @Test
    void submit_withoutTraceContext_none() {
        JobKey key = uniqueKey("job-1");

        assertThat(store().submit(newJob(key), CREATED_AT).trace()).isNull();
        assertThat(store().find(key, NOW)).map(StoredJob::trace).isEmpty();
        assertThat(store().claim(key, "instance-a", NOW, LEASE)).map(StoredJob::trace).isEmpty();
    }

    // --- owners ---

    @Test
    void twoOwnersWithTheSameJobId_neverMeet() {
        // given: owners whose names, joined naively with the job id, would give the same text
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        JobKey first = new JobKey("a.b#" + suffix, "c");
        JobKey second = new JobKey("a", "b#" + suffix + ".c");
        JobKey third = new JobKey("a.b#" + suffix + "x", "c");
        StoredJob firstJob = store().submit(newJob(first), CREATED_AT);
        store().submit(new NewJob(second, "sha256:second", REQUEST, PLAN, 3, CREATED_AT, DEADLINE, EXPIRES_AT),
                CREATED_AT);
        store().submit(new NewJob(third, "sha256:third", REQUEST, PLAN, 3, CREATED_AT, DEADLINE, EXPIRES_AT),
                CREATED_AT);

        // when: everything done to the second and third
        store().record(second, List.of(chunk(0), chunk(1)));
        store().claim(third, "instance-a", NOW, LEASE);
        store().cancel(third, NOW);

        // then: the first is as it was
        assertThat(store().find(first, NOW)).contains(firstJob);
        assertThat(store().chunks(first)).isEmpty();
        assertThat(store().record(first, List.of(chunk(1)))).isEqualTo(1);
        assertThat(store().find(second, NOW)).map(StoredJob::fingerprint).contains("sha256:second");
        assertThat(store().chunks(second)).containsExactly(chunk(0), chunk(1));
        assertThat(store().countUnfinished(first.owner(), NOW)).isEqualTo(1);
    }

    // --- fixtures ---

    /** An owner no other case uses, so the cases can share one store. */
    protected static String uniqueOwner() {
        return "owner-" + OWNERS.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected static JobKey uniqueKey(String jobId) {
        return new JobKey(uniqueOwner(), jobId);
    }

    /** A job of three chunks, created at {@link #CREATED_AT}, due at {@link #DEADLINE}, kept until {@link #EXPIRES_AT}. */
    protected static NewJob newJob(JobKey key) {
        return new NewJob(key, FINGERPRINT, REQUEST, PLAN, 3, CREATED_AT, DEADLINE, EXPIRES_AT);
    }

    /** As {@link #newJob(JobKey)}, submitted under {@code trace}. */
    protected static NewJob traced(JobKey key, TraceContext trace) {
        return new NewJob(key, FINGERPRINT, REQUEST, PLAN, 3, CREATED_AT, DEADLINE, EXPIRES_AT, trace);
    }

    protected static ChunkRecord chunk(int index) {
        return new ChunkRecord(index, index * 100L, 100, 10, index + ".25", "-" + index, index + "9.5", 1);
    }

    /** A new job that {@code holder} claimed at {@link #NOW}, with the lease until {@link #LEASE}. */
    protected StoredJob claimed(JobKey key, String holder) {
        store().submit(newJob(key), CREATED_AT);
        return store().claim(key, holder, NOW, LEASE).orElseThrow();
    }

    /** A job in the final {@code state}, as the store holds it. */
    protected StoredJob ended(JobKey key, JobState state) {
        if (state == JobState.CANCELLED) {
            store().submit(newJob(key), CREATED_AT);
            return store().cancel(key, NOW).orElseThrow();
        }
        claimed(key, "instance-a");
        assertThat(store().finish(key, "instance-a", state, 1, 0, OUTCOME, NOW)).isTrue();
        return store().find(key, NOW).orElseThrow();
    }

    private static StoredJob withLease(StoredJob job, JobState state, String holder, Instant until) {
        return new StoredJob(job.key(), job.fingerprint(), job.request(), job.plan(), job.chunkCount(), state,
                job.createdAt(), job.deadline(), job.expiresAt(), holder, until, job.cancelRequested(), job.runs(),
                job.retries(), job.hedges(), job.outcome(), job.finishedAt(), job.trace());
    }
}
