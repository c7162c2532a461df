package dev.cumulus.aggregate.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.cumulus.aggregate.plan.JobPlan;
import dev.cumulus.aggregate.plan.JobPlanner;
import dev.cumulus.aggregate.testing.FakeSumChunk;
import dev.cumulus.core.number.ExactSum;
import dev.cumulus.core.number.InlineSummer;
import dev.cumulus.core.number.InlineValue;
import dev.cumulus.core.source.SourceGuard;

/** Jobs against a misbehaving sum-chunk: retries, refusals, stragglers, a dead downstream, the deadline. */
class JobRunTest {

    static final Duration LONG = Duration.ofSeconds(20);

    static FakeSumChunk fake;
    TestEngine engine;

    @BeforeAll
    static void startFake() throws IOException {
        fake = FakeSumChunk.start();
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    @BeforeEach
    void newEngine() {
        fake.reset();
        engine = new TestEngine(fake, TestEngine.settings(Duration.ofSeconds(10)));
    }

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    /** 1, 2, ..., n with a fraction on every third, so scales mix. */
    static List<InlineValue> values(int n) {
        List<InlineValue> values = new ArrayList<>(n);
        IntStream.rangeClosed(1, n).forEach(i -> values.add(i % 3 == 0
                ? InlineValue.string(i + ".25")
                : InlineValue.number(Integer.toString(i))));
        return values;
    }

    static JobPlan plan(int values, int chunkSize) {
        return new JobPlanner(100_000, new SourceGuard(List.of(), false), null).planValues("job-1", values(values),
                chunkSize);
    }

    static ExactSum expected(int values) {
        return InlineSummer.sum(values(values));
    }

    @Test
    void transientFailuresWithinTheRetries_sumStillExact() {
        // given: chunk 3 fails twice, chunk 7 three times (the most retries allow)
        fake.failTimes(3, 2, 503).failTimes(7, 3, 500);

        // when
        JobOutcome outcome = engine.run(plan(1000, 100), 4, 0, LONG, TestEngine.noHedging());

        // then
        assertThat(outcome.failures()).isEmpty();
        assertThat(outcome.sum()).isEqualTo(expected(1000));
        assertThat(outcome.stats().retries()).isEqualTo(5);
        assertThat(fake.calls(3)).isEqualTo(3);
        assertThat(fake.calls(7)).isEqualTo(4);
    }

    @Test
    void moreTransientFailuresThanRetries_chunkFailsWithTheLastError() {
        fake.failTimes(2, 4, 503);

        JobOutcome outcome = engine.run(plan(100, 10), 4, 1, LONG, TestEngine.noHedging());

        assertThat(outcome.failures()).containsOnlyKeys(2);
        assertThat(outcome.failures().get(2).message()).contains("HTTP 503");
        assertThat(fake.calls(2)).isEqualTo(4); // the first call and 3 retries
        assertThat(outcome.acceptable(1)).isTrue();
        assertThat(outcome.sum().count()).isEqualTo(90);
    }

    @Test
    void refusedChunk_notRetried_countedAsFailedWithItsCode() {
        fake.failTimes(5, Integer.MAX_VALUE, 422);

        JobOutcome outcome = engine.run(plan(100, 10), 4, 1, LONG, TestEngine.noHedging());

        assertThat(fake.calls(5)).isEqualTo(1);
        assertThat(outcome.failures()).containsOnlyKeys(5);
        assertThat(outcome.failures().get(5).code()).isEqualTo("INVALID_NUMBER");
        assertThat(outcome.stats().retries()).isZero();
    }

    @Test
    void moreFailuresThanTolerated_failsFastWithoutCallingTheRest() {
        // given: chunk 0 is refused; every call takes a while, so the rest are far from done
        fake.delayEveryCall(50).failTimes(0, Integer.MAX_VALUE, 422);

        JobOutcome outcome = engine.run(plan(2000, 10), 2, 0, LONG, TestEngine.noHedging());

        assertThat(outcome.failedFast()).isTrue();
        assertThat(outcome.failures()).containsKey(0);
        assertThat(fake.totalCalls()).isLessThan(200);
    }

    @Test
    void answerForAnotherChunk_rejectedAndNotRetried() {
        fake.answerForAnotherChunk(4);

        JobOutcome outcome = engine.run(plan(100, 10), 4, 1, LONG, TestEngine.noHedging());

        assertThat(outcome.failures()).containsOnlyKeys(4);
        assertThat(outcome.failures().get(4).message()).contains("answered for job job-1 chunk 1004");
        assertThat(fake.calls(4)).isEqualTo(1);
        assertThat(outcome.sum().count()).isEqualTo(90);
    }

    @Test
    void callThatTimesOut_retried() {
        // given: the first call of chunk 5 never answers; calls time out after 300 ms
        engine.close();
        engine = new TestEngine(fake, TestEngine.settings(Duration.ofMillis(300)));
        fake.hang(5, 1);

        JobOutcome outcome = engine.run(plan(100, 10), 4, 0, LONG, TestEngine.noHedging());

        assertThat(outcome.failures()).isEmpty();
        assertThat(outcome.sum()).isEqualTo(expected(100));
        assertThat(fake.calls(5)).isEqualTo(2);
        assertThat(outcome.stats().retries()).isEqualTo(1);
    }

    @Test
    void straggler_hedged_answeredLongBeforeItsCallWouldTimeOut() {
        // given: the first call of chunk 30 hangs; calls time out only after 10 s. The budget covers every chunk:
        // the first calls of a fresh client are slow too, and may draw hedges of their own
        fake.hang(30, 1);
        long start = System.nanoTime();

        // when
        JobOutcome outcome = engine.run(plan(400, 10), 8, 0, LONG, TestEngine.hedging(40));

        // then: the duplicate answered; the hanging call was given up
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(outcome.failures()).isEmpty();
        assertThat(outcome.sum()).isEqualTo(expected(400));
        assertThat(outcome.stats().hedges()).isGreaterThanOrEqualTo(1);
        assertThat(fake.calls(30)).isEqualTo(2);
        assertThat(took).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void slowFirstCallAnsweringAfterItsHedge_countedOnce() {
        fake.slowOnce(12, 1500);

        JobOutcome outcome = engine.run(plan(400, 10), 8, 0, LONG, TestEngine.hedging(40));

        assertThat(outcome.sum()).isEqualTo(expected(400));
        assertThat(outcome.stats().succeeded()).isEqualTo(40);
        assertThat(outcome.stats().hedges()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void concurrencyCap_neverExceeded() {
        fake.delayEveryCall(20);

        JobOutcome outcome = engine.run(plan(300, 10), 3, 0, LONG, TestEngine.noHedging());

        assertThat(outcome.failures()).isEmpty();
        assertThat(fake.maxInFlight()).isBetween(2, 3);
    }

    @Test
    void deadDownstream_circuitOpens_chunksFailWithoutBeingCalled() {
        // given: every call fails; the breaker judges 4 calls and opens at half of them failing
        engine.close();
        engine = new TestEngine(fake, new CallGuards.Settings(3, Duration.ofMillis(5), Duration.ofMillis(20),
                Duration.ofMillis(2), Duration.ofMinutes(1), 4, 0.5, Duration.ofSeconds(30), 1,
                Duration.ofSeconds(10)));
        fake.failEveryCall(503);

        // when: all 200 chunks may fail, so the job runs to the end
        JobOutcome outcome = engine.run(plan(2000, 10), 4, 200, LONG, TestEngine.noHedging());

        // then: without the breaker, 200 chunks x 4 attempts = 800 calls
        assertThat(outcome.failures()).hasSize(200);
        assertThat(fake.totalCalls()).isLessThan(40);
        assertThat(outcome.failures().values()).anySatisfy(e -> assertThat(e.message()).contains("circuit breaker"));
    }

    @Test
    void deadline_unfinishedChunksFailedAsLate() {
        // given: chunk 1 never answers, and calls would wait 10 s
        fake.hang(1, Integer.MAX_VALUE);
        long start = System.nanoTime();

        JobOutcome outcome = engine.run(plan(100, 10), 4, 0, Duration.ofMillis(500), TestEngine.noHedging());

        assertThat(outcome.deadlinePassed()).isTrue();
        assertThat(outcome.failures()).containsKey(1);
        assertThat(outcome.failures().get(1).code()).isEqualTo("DEADLINE_EXCEEDED");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void emptyJob_succeedsAtOnce() {
        JobOutcome outcome = engine.run(plan(0, 10), 4, 0, LONG, TestEngine.noHedging());

        assertThat(outcome.sum()).isEqualTo(ExactSum.EMPTY);
        assertThat(outcome.stats().total()).isZero();
        assertThat(fake.totalCalls()).isZero();
    }
}
