package dev.cumulus.aggregate.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cumulus.aggregate.plan.JobPlan;
import dev.cumulus.aggregate.run.Deadline;
import dev.cumulus.aggregate.run.JobRun;
import dev.cumulus.aggregate.run.JobRunTest;
import dev.cumulus.aggregate.run.TestEngine;
import dev.cumulus.core.number.ExactSum;
import dev.cumulus.store.job.ChunkRecord;
import dev.cumulus.store.job.JobKey;
import dev.cumulus.store.job.JobState;
import dev.cumulus.store.job.NewJob;
import dev.cumulus.store.job.StoredJob;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * Runs of a submitted job against the ledger, on a clock the test drives: each chunk recorded once, a run that dies
 * (its subscription dropped, its buffered results and its lease with it) taken over by another that calls only the
 * chunks without a record, cancellation, hand-on at the end of a slice, and redrive of the failed chunks alone.
 */
class DurableRunTest {

    static final JobKey KEY = new JobKey("alice", "job-1");
    static final DurableRun.Timing TIMING = new DurableRun.Timing(Duration.ofSeconds(30), Duration.ofSeconds(5),
            Duration.ofHours(1), 8, Duration.ofMillis(20));

    TestEngine engine = new TestEngine();
    MemoryJobStore store = new MemoryJobStore();
    JobTexts texts = new JobTexts(new ObjectMapper().findAndRegisterModules());
    JobPlan plan = JobRunTest.plan(1000, 10); // 100 chunks

    Instant now() {
        return engine.time.clock().instant();
    }

    void submit() {
        store.submit(new NewJob(KEY, "fp", "{}", "{}", plan.size(), now(), now().plus(Duration.ofHours(1)),
                now().plus(Duration.ofDays(7))), now());
    }

    DurableRun claim(String holder, int tolerated, DurableRun.Timing timing) {
        StoredJob job = store.claim(KEY, holder, now(), now().plus(timing.lease())).orElseThrow();
        JobRun run = new JobRun(plan, new JobRun.Limits(4, tolerated, 1000, new Deadline(engine.time.clock(),
                job.deadline())), engine.engine(), TestEngine.noHedging(), KEY.jobId());
        return new DurableRun(store, job, plan, run, new JobEnding(texts, tolerated, false), timing, engine.time,
                engine.time.executor(), engine.time.clock(), holder, engine.engine().metrics());
    }

    StoredJob job() {
        return store.find(KEY, now()).orElseThrow();
    }

    JobTexts.Outcome outcome() {
        return texts.outcome(job().outcome());
    }

    /** Moves the clock on by {@code d}, running whatever falls due. */
    void advance(Duration d) {
        AtomicReference<Boolean> reached = new AtomicReference<>(false);
        engine.time.schedule(d, () -> reached.set(true));
        while (!reached.get()) {
            engine.time.step();
        }
    }

    @Test
    void wholeRun_everyChunkRecordedOnce_succeededWithTheExactSum() {
        // given
        submit();

        // when
        DurableRun.Ended ended = engine.time.await(claim("a", 0, TIMING).run(), Duration.ofMinutes(5));

        // then
        assertThat(ended).isEqualTo(DurableRun.Ended.FINISHED);
        assertThat(job().state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(store.chunks(KEY)).extracting(ChunkRecord::index).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, 100).boxed().toList());
        assertThat(store.duplicateRecords()).isZero();
        assertThat(new BigDecimal(outcome().result().sum())).isEqualByComparingTo(JobRunTest.expected(1000).sum());
        assertThat(engine.sumChunk.totalCalls()).isEqualTo(100);
    }

    @Test
    void instanceDiesMidway_theNextRunCallsOnlyTheChunksWithoutARecord() {
        // given: every call takes 500 ms, 4 at a time; the first instance dies after about 3 s
        submit();
        engine.sumChunk.delayEveryCall(Duration.ofMillis(500));
        Cancellable first = claim("a", 0, TIMING).run().subscribe().with(e -> {
        });
        advance(Duration.ofSeconds(3));
        first.cancel(); // gone: its buffered results and its lease with it
        int recorded = store.chunks(KEY).size();
        int callsBefore = engine.sumChunk.totalCalls();
        assertThat(recorded).isBetween(1, 99);

        // when: another instance tries at once (refused: the lease runs 30 s), then after the lease has passed
        assertThat(store.claim(KEY, "b", now(), now().plusSeconds(30))).isEmpty();
        advance(Duration.ofSeconds(31));
        DurableRun.Ended ended = engine.time.await(claim("b", 0, TIMING).run(), Duration.ofMinutes(5));

        // then: nothing recorded is called again, nothing is counted twice, the sum is exact
        assertThat(ended).isEqualTo(DurableRun.Ended.FINISHED);
        assertThat(engine.sumChunk.totalCalls() - callsBefore).isEqualTo(100 - recorded);
        assertThat(store.chunks(KEY)).hasSize(100);
        assertThat(store.duplicateRecords()).isZero();
        assertThat(job().state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(new BigDecimal(outcome().result().sum())).isEqualByComparingTo(JobRunTest.expected(1000).sum());
    }

    @Test
    void ownerCancels_noMoreCalls_cancelledWithTheUnsummedChunksListed() {
        // given
        submit();
        engine.sumChunk.delayEveryCall(Duration.ofMillis(500));
        DurableRun run = claim("a", 0, TIMING);
        var answer = run.run().subscribe().asCompletionStage();
        advance(Duration.ofSeconds(1));

        // when
        run.cancel();
        advance(Duration.ofMillis(1));
        int calls = engine.sumChunk.totalCalls();
        advance(Duration.ofSeconds(10));

        // then
        assertThat(answer).isCompletedWithValue(DurableRun.Ended.FINISHED);
        assertThat(engine.sumChunk.totalCalls()).isEqualTo(calls);
        assertThat(job().state()).isEqualTo(JobState.CANCELLED);
        assertThat(outcome().failed()).hasSize(100 - store.chunks(KEY).size())
                .allSatisfy(f -> assertThat(f.error().code()).isEqualTo("CANCELLED"));
    }

    @Test
    void cancelledBeforeTheRunStarted_noCallAtAll_cancelled() {
        // given
        submit();
        DurableRun run = claim("a", 0, TIMING);

        // when: the owner's cancel comes before the run has read the ledger
        run.cancel();
        DurableRun.Ended ended = engine.time.await(run.run(), Duration.ofMinutes(1));

        // then
        assertThat(ended).isEqualTo(DurableRun.Ended.FINISHED);
        assertThat(job().state()).isEqualTo(JobState.CANCELLED);
        assertThat(engine.sumChunk.totalCalls()).isZero();
        assertThat(outcome().failed()).hasSize(100);
    }

    @Test
    void cancelAskedOfAnotherInstance_theHolderStopsAtItsNextRenewal() {
        // given
        submit();
        engine.sumChunk.delayEveryCall(Duration.ofMillis(500));
        var answer = claim("a", 0, TIMING).run().subscribe().asCompletionStage();
        advance(Duration.ofSeconds(1));

        // when: the cancellation reaches the ledger only
        assertThat(store.cancel(KEY, now()).orElseThrow().cancelRequested()).isTrue();
        advance(TIMING.heartbeat().plusMillis(200));

        // then
        assertThat(answer).isCompletedWithValue(DurableRun.Ended.FINISHED);
        assertThat(job().state()).isEqualTo(JobState.CANCELLED);
    }

    @Test
    void sliceUp_handedOnWithTheLeaseReleased_theNextRunFinishes() {
        // given: runs of 2 s
        submit();
        engine.sumChunk.delayEveryCall(Duration.ofMillis(500));
        DurableRun.Timing shortSlices = new DurableRun.Timing(Duration.ofSeconds(30), Duration.ofSeconds(5),
                Duration.ofSeconds(2), 8, Duration.ofMillis(20));

        // when
        DurableRun.Ended first = engine.time.await(claim("a", 0, shortSlices).run(), Duration.ofMinutes(1));
        int recorded = store.chunks(KEY).size();
        int callsBefore = engine.sumChunk.totalCalls();

        // then: the next run may start at once, and calls only what is left
        assertThat(first).isEqualTo(DurableRun.Ended.HANDED_ON);
        assertThat(job().state()).isEqualTo(JobState.RUNNING);
        assertThat(job().leased(now())).isFalse();
        DurableRun.Ended next = DurableRun.Ended.HANDED_ON;
        while (next == DurableRun.Ended.HANDED_ON) {
            next = engine.time.await(claim("b", 0, shortSlices).run(), Duration.ofMinutes(1));
        }
        assertThat(next).isEqualTo(DurableRun.Ended.FINISHED);
        assertThat(engine.sumChunk.totalCalls() - callsBefore).isEqualTo(100 - recorded); // the calls in flight at a hand-on finish first
        assertThat(store.chunks(KEY)).hasSize(100);
        assertThat(new BigDecimal(outcome().result().sum())).isEqualByComparingTo(JobRunTest.expected(1000).sum());
    }

    @Test
    void partialThenRedrive_onlyTheFailedChunksRunAgain_resultExact() {
        // given: chunk 3 is refused (a 4xx, no retry) while the job tolerates one failure
        submit();
        engine.sumChunk.failTimes(3, 1, 400);
        engine.time.await(claim("a", 1, TIMING).run(), Duration.ofMinutes(5));
        assertThat(job().state()).isEqualTo(JobState.PARTIAL);
        assertThat(outcome().failed()).extracting(f -> f.index()).containsExactly(3);
        int callsBefore = engine.sumChunk.totalCalls();

        // when
        StoredJob redriven = store.redrive(KEY, now(), now().plus(Duration.ofHours(1)), now().plus(Duration.ofDays(7)))
                .orElseThrow();
        DurableRun.Ended ended = engine.time.await(claim("b", 1, TIMING).run(), Duration.ofMinutes(5));

        // then
        assertThat(redriven.runs()).isEqualTo(2);
        assertThat(ended).isEqualTo(DurableRun.Ended.FINISHED);
        assertThat(engine.sumChunk.totalCalls() - callsBefore).isEqualTo(1);
        assertThat(job().state()).isEqualTo(JobState.SUCCEEDED);
        ExactSum expected = JobRunTest.expected(1000);
        assertThat(outcome().result().count()).isEqualTo(expected.count());
        assertThat(new BigDecimal(outcome().result().sum())).isEqualByComparingTo(expected.sum());
    }

    @Test
    void moreFailuresThanTolerated_failedWithTheCodeOfTheRefusal() {
        // given
        submit();
        engine.sumChunk.failTimes(3, 1, 400).failTimes(5, 1, 400);

        // when
        engine.time.await(claim("a", 1, TIMING).run(), Duration.ofMinutes(5));

        // then
        assertThat(job().state()).isEqualTo(JobState.FAILED);
        assertThat(outcome().error().code()).isEqualTo("INVALID_INPUT");
        List<Integer> failed = outcome().failed().stream().map(f -> f.index()).toList();
        assertThat(failed).contains(3, 5).hasSize(100 - store.chunks(KEY).size());
    }
}
