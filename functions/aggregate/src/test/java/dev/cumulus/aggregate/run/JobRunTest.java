package dev.cumulus.aggregate.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.cumulus.aggregate.plan.JobPlan;
import dev.cumulus.aggregate.plan.JobPlanner;
import dev.cumulus.core.number.ExactSum;
import dev.cumulus.core.number.InlineSummer;
import dev.cumulus.core.number.InlineValue;
import dev.cumulus.core.source.SourceGuard;

/**
 * Jobs against a misbehaving sum-chunk, on a clock the test drives: retries, refusals, stragglers, a dead downstream,
 * a dead source, the call budget, the deadline. Times are exact: nothing waits for real time.
 */
public class JobRunTest {

    static final Duration LONG = Duration.ofSeconds(20);

    TestEngine engine = new TestEngine();
    ScriptedSumChunk sumChunk = engine.sumChunk;

    /** 1, 2, ..., n with a fraction on every third, so scales mix. */
    public static List<InlineValue> values(int n) {
        List<InlineValue> values = new ArrayList<>(n);
        IntStream.rangeClosed(1, n).forEach(i -> values.add(i % 3 == 0
                ? InlineValue.string(i + ".25")
                : InlineValue.number(Integer.toString(i))));
        return values;
    }

    public static JobPlan plan(int values, int chunkSize) {
        return new JobPlanner(100_000, new SourceGuard(List.of(), false), null).planValues("job-1", values(values),
                chunkSize);
    }

    public static ExactSum expected(int values) {
        return InlineSummer.sum(values(values));
    }

    void useEngine(TestEngine other) {
        engine = other;
        sumChunk = other.sumChunk;
    }

    @Test
    void transientFailuresWithinTheRetries_sumStillExact() {
        // given: chunk 3 fails twice, chunk 7 three times (the most retries allow)
        sumChunk.failTimes(3, 2, 503).failTimes(7, 3, 500);

        // when
        JobOutcome outcome = engine.run(plan(1000, 100), 4, 0, LONG, TestEngine.noHedging());

        // then: chunk 7 answered after backoffs of 5 + 10 + 20 ms, the others at once
        assertThat(outcome.failures()).isEmpty();
        assertThat(outcome.sum()).isEqualTo(expected(1000));
        assertThat(outcome.stats().retries()).isEqualTo(5);
        assertThat(sumChunk.calls(3)).isEqualTo(3);
        assertThat(sumChunk.calls(7)).isEqualTo(4);
        assertThat(engine.time.elapsed()).isEqualTo(Duration.ofMillis(35));
    }

    @Test
    void moreTransientFailuresThanRetries_chunkFailsWithTheLastError() {
        // given
        sumChunk.failTimes(2, 4, 503);

        // when
        JobOutcome outcome = engine.run(plan(100, 10), 4, 1, LONG, TestEngine.noHedging());

        // then
        assertThat(outcome.failures()).containsOnlyKeys(2);
        assertThat(outcome.failures().get(2).message()).contains("HTTP 503");
        assertThat(sumChunk.calls(2)).isEqualTo(4); // the first call and 3 retries
        assertThat(outcome.acceptable(1)).isTrue();
        assertThat(outcome.sum().count()).isEqualTo(90);
    }

    @Test
    void refusedChunk_notRetried_countedAsFailedWithItsCode() {
        // given
        sumChunk.failTimes(5, Integer.MAX_VALUE, 422);

        // when
        JobOutcome outcome = engine.run(plan(100, 10), 4, 1, LONG, TestEngine.noHedging());

        // then
        assertThat(sumChunk.calls(5)).isEqualTo(1);
        assertThat(outcome.failures()).containsOnlyKeys(5);
        assertThat(outcome.failures().get(5).code()).isEqualTo("INVALID_NUMBER");
        assertThat(outcome.stats().retries()).isZero();
    }

    @Test
    void moreFailuresThanTolerated_failsFastWithoutCallingTheRest() {
        // given: chunk 0 is refused; every call takes 50 ms
        sumChunk.delayEveryCall(Duration.ofMillis(50)).failTimes(0, Integer.MAX_VALUE, 422);

        // when
        JobOutcome outcome = engine.run(plan(2000, 10), 2, 0, LONG, TestEngine.noHedging());

        // then: the two first calls only; the job ended with the refusal, before chunk 1 answered
        assertThat(outcome.failedFast()).isTrue();
        assertThat(outcome.failures()).containsOnlyKeys(0);
        assertThat(sumChunk.totalCalls()).isEqualTo(2);
        assertThat(engine.time.elapsed()).isZero();
    }

    @Test
    void answerForAnotherChunk_rejectedAndNotRetried() {
        // given
        sumChunk.answerForAnotherChunk(4);

        // when
        JobOutcome outcome = engine.run(plan(100, 10), 4, 1, LONG, TestEngine.noHedging());

        // then
        assertThat(outcome.failures()).containsOnlyKeys(4);
        assertThat(outcome.failures().get(4).message()).contains("answered for job job-1 chunk 1004");
        assertThat(sumChunk.calls(4)).isEqualTo(1);
        assertThat(outcome.sum().count()).isEqualTo(90);
    }

    @Test
    void callThatTimesOut_retried() {
        // given: the first call of chunk 5 never answers; calls time out after 300 ms
        useEngine(new TestEngine(TestEngine.calmBreaker(), Duration.ofMillis(300)));
        sumChunk.hang(5, 1);

        // when
        JobOutcome outcome = engine.run(plan(100, 10), 4, 0, LONG, TestEngine.noHedging());

        // then: 300 ms of timeout and 5 ms of backoff, then the retry answered
        assertThat(outcome.failures()).isEmpty();
        assertThat(outcome.sum()).isEqualTo(expected(100));
        assertThat(sumChunk.calls(5)).isEqualTo(2);
        assertThat(outcome.stats().retries()).isEqualTo(1);
        assertThat(engine.time.elapsed()).isEqualTo(Duration.ofMillis(305));
    }

    @Test
    void straggler_hedged_answeredLongBeforeItsCallWouldTimeOut() {
        // given: the first call of chunk 30 hangs; calls time out only after 10 s
        sumChunk.hang(30, 1);

        // when
        JobOutcome outcome = engine.run(plan(400, 10), 8, 0, LONG, TestEngine.hedging(40));

        // then: the other 39 chunks took no time, so the threshold is the 20 ms minimum; the check every 5 ms
        // first sees chunk 30 past it at 25 ms, and its duplicate answers at once
        assertThat(outcome.failures()).isEmpty();
        assertThat(outcome.sum()).isEqualTo(expected(400));
        assertThat(outcome.stats().hedges()).isEqualTo(1);
        assertThat(sumChunk.calls(30)).isEqualTo(2);
        assertThat(engine.time.elapsed()).isEqualTo(Duration.ofMillis(25));
    }

    @Test
    void slowFirstCallOvertakenByItsHedge_countedOnce() {
        // given: the first call of chunk 12 takes 1.5 s
        sumChunk.slowOnce(12, Duration.ofMillis(1500));

        // when
        JobOutcome outcome = engine.run(plan(400, 10), 8, 0, LONG, TestEngine.hedging(40));

        // then
        assertThat(outcome.sum()).isEqualTo(expected(400));
        assertThat(outcome.stats().succeeded()).isEqualTo(40);
        assertThat(outcome.stats().hedges()).isEqualTo(1);
        assertThat(engine.time.elapsed()).isEqualTo(Duration.ofMillis(25));
    }

    @Test
    void hedgeWithoutCallBudget_notSent() {
        // given: a straggler, hedging allowed, but no extra call left in the job's budget
        sumChunk.slowOnce(12, Duration.ofMillis(1500));

        // when
        JobOutcome outcome = engine.run(plan(400, 10), 8, 0, 0, LONG, TestEngine.hedging(40));

        // then: the job waited for the slow call
        assertThat(outcome.sum()).isEqualTo(expected(400));
        assertThat(outcome.stats().hedges()).isZero();
        assertThat(sumChunk.calls(12)).isEqualTo(1);
        assertThat(engine.time.elapsed()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void concurrencyCap_neverExceeded() {
        // given: every call takes 20 ms
        sumChunk.delayEveryCall(Duration.ofMillis(20));

        // when
        JobOutcome outcome = engine.run(plan(300, 10), 3, 0, LONG, TestEngine.noHedging());

        // then: 30 chunks, 3 at a time, in 10 rounds of 20 ms
        assertThat(outcome.failures()).isEmpty();
        assertThat(sumChunk.maxInFlight()).isEqualTo(3);
        assertThat(engine.time.elapsed()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void deadDownstream_circuitOpens_chunksWaitWithoutBeingCalled_failAtTheDeadline() {
        // given: every call fails; the breaker judges 4 calls, opens at half of them failing, and stays open 30 s
        useEngine(new TestEngine(new CallGuards.Settings(4, 0.5, Duration.ofSeconds(30), 1), Duration.ofSeconds(10)));
        sumChunk.failEveryCall(503);

        // when: all 200 chunks may fail, so the job runs to its deadline (20 s)
        JobOutcome outcome = engine.run(plan(2000, 10), 4, 200, LONG, TestEngine.noHedging());

        // then: the first calls of chunks 0 to 3 open the breaker; their retries and every other chunk wait at it
        // without calling (without the breaker, 200 chunks x 4 attempts = 800 calls), until no wait fits before the
        // deadline
        assertThat(outcome.failures()).hasSize(200);
        assertThat(sumChunk.totalCalls()).isEqualTo(4);
        assertThat(outcome.failures().values()).anySatisfy(e -> assertThat(e.message()).contains("circuit breaker"));
        assertThat(engine.time.elapsed()).isGreaterThan(LONG.minusSeconds(1));
    }

    @Test
    void outageThenRecovery_breakerLetsAProbeThrough_waitingChunksResume() {
        // given: sum-chunk fails every call for its first 3 s (a restart); a breaker on the test's clock opens after 4
        // failures in a row, for 1 s at a time
        ClockedBreaker[] breaker = new ClockedBreaker[1];
        useEngine(new TestEngine(time -> breaker[0] = new ClockedBreaker(time, 4, Duration.ofSeconds(1)),
                Duration.ofSeconds(10)));
        sumChunk.failEveryCall(503);
        engine.time.schedule(Duration.ofSeconds(3), sumChunk::heal);

        // when: a job of 50 chunks with a deadline of 20 s, none tolerated
        JobOutcome outcome = engine.run(plan(500, 10), 4, 0, LONG, TestEngine.noHedging());

        // then: the job rides the outage out, every chunk summed exactly. The 4 first calls open the breaker (5, 10
        // and 20 ms backoffs are far shorter than its second); the chunks then wait at it without calling and without
        // spending retries, one probe a second fails (at 1 s and 2 s) until one after 3 s succeeds and the waiting
        // chunks go on: 4 + 2 failed calls, then the 50 that succeed
        assertThat(outcome.failures()).isEmpty();
        assertThat(outcome.sum()).isEqualTo(expected(500));
        assertThat(sumChunk.totalCalls()).isEqualTo(4 + 2 + 50);
        assertThat(breaker[0].refused()).isPositive();
        assertThat(outcome.stats().retries()).isEqualTo(56 - 50); // every call beyond each chunk's first
    }

    @Test
    void deadSource_breakerStaysClosed_nextJobSucceeds() {
        // given: the breaker of the test above; a first job over a source that fails every time
        useEngine(new TestEngine(new CallGuards.Settings(4, 0.5, Duration.ofSeconds(30), 1), Duration.ofSeconds(10)));
        sumChunk.sourceFailsEveryCall();
        JobOutcome bad = engine.run(plan(100, 10), 4, 10, LONG, TestEngine.noHedging());
        assertThat(bad.failures()).hasSize(10);
        assertThat(bad.failures().values()).allSatisfy(e -> assertThat(e.code()).isEqualTo("SOURCE_UNAVAILABLE"));

        // when: another caller's job, with data of its own that sum-chunk sums
        sumChunk.heal();
        JobOutcome next = engine.run(new JobPlanner(100_000, new SourceGuard(List.of(), false), null)
                .planValues("job-2", values(3), 1), 4, 0, LONG, TestEngine.noHedging());

        // then: sum-chunk itself never failed, so the breaker let every call through; 40 calls for the first job
        assertThat(sumChunk.totalCalls()).isEqualTo(40 + 3);
        assertThat(next.failures()).isEmpty();
        assertThat(next.sum()).isEqualTo(expected(3));
    }

    @Test
    void callBudget_retriesStopWhenSpent_failuresFinal() {
        // given: a source that fails every time, 20 chunks, all tolerated, 5 extra calls for the job
        sumChunk.sourceFailsEveryCall();

        // when
        JobOutcome outcome = engine.run(plan(200, 10), 4, 20, 5, LONG, TestEngine.noHedging());

        // then: one call per chunk and 5 retries in all, instead of 20 x 4 = 80 calls
        assertThat(outcome.failures()).hasSize(20);
        assertThat(sumChunk.totalCalls()).isEqualTo(25);
        assertThat(outcome.stats().retries()).isEqualTo(5);
    }

    @Test
    void extraCalls_halfTheChunksAtLeastTheMinimum() {
        assertThat(CallBudget.extraCallsFor(20, 0.5, 10)).isEqualTo(10);
        assertThat(CallBudget.extraCallsFor(1000, 0.5, 10)).isEqualTo(500);
        assertThat(CallBudget.extraCallsFor(3, 0.5, 10)).isEqualTo(10);
        assertThat(CallBudget.extraCallsFor(7, 0.25, 0)).isEqualTo(2);
    }

    @Test
    void deadline_unfinishedChunksFailedAsLate() {
        // given: chunk 1 never answers, and calls would wait 10 s
        sumChunk.hang(1, Integer.MAX_VALUE);

        // when
        JobOutcome outcome = engine.run(plan(100, 10), 4, 0, Duration.ofMillis(500), TestEngine.noHedging());

        // then: answered exactly at the deadline
        assertThat(outcome.deadlinePassed()).isTrue();
        assertThat(outcome.failures()).containsOnlyKeys(1);
        assertThat(outcome.failures().get(1).code()).isEqualTo("DEADLINE_EXCEEDED");
        assertThat(engine.time.elapsed()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void retryThatWouldEndAfterTheDeadline_notWaitedFor_chunkFailsAtOnce() {
        // given: chunk 0 fails twice; the job has 8 ms, so the second backoff (5 + 10 ms) would end past it
        sumChunk.failTimes(0, 2, 503);

        // when
        JobOutcome outcome = engine.run(plan(10, 10), 1, 0, Duration.ofMillis(8), TestEngine.noHedging());

        // then: no call after the first retry, and the answer comes with that failure, not at the deadline
        assertThat(sumChunk.calls(0)).isEqualTo(2);
        assertThat(outcome.failures().get(0).message()).contains("HTTP 503");
        assertThat(outcome.deadlinePassed()).isFalse();
        assertThat(engine.time.elapsed()).isEqualTo(Duration.ofMillis(5));
    }

    @Test
    void emptyJob_succeedsAtOnce() {
        // when
        JobOutcome outcome = engine.run(plan(0, 10), 4, 0, LONG, TestEngine.noHedging());

        // then
        assertThat(outcome.sum()).isEqualTo(ExactSum.EMPTY);
        assertThat(outcome.stats().total()).isZero();
        assertThat(sumChunk.totalCalls()).isZero();
    }
}
