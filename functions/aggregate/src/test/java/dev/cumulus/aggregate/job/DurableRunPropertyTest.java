package dev.cumulus.aggregate.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cumulus.aggregate.AggregateResult.FailedChunk;
import dev.cumulus.aggregate.plan.Chunk;
import dev.cumulus.aggregate.plan.JobPlan;
import dev.cumulus.aggregate.plan.JobPlanner;
import dev.cumulus.aggregate.run.CallGuards;
import dev.cumulus.aggregate.run.Deadline;
import dev.cumulus.aggregate.run.JobRun;
import dev.cumulus.aggregate.run.TestEngine;
import dev.cumulus.core.number.ExactSum;
import dev.cumulus.core.number.InlineSummer;
import dev.cumulus.core.number.InlineValue;
import dev.cumulus.core.source.SourceGuard;
import dev.cumulus.store.job.JobKey;
import dev.cumulus.store.job.JobState;
import dev.cumulus.store.job.NewJob;
import dev.cumulus.store.job.StoredJob;
import io.smallrye.mutiny.subscription.Cancellable;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever the chunking, the failures and where the instances die, a job run against the ledger ends with the
 * single-process exact sum of the chunks that could be summed, and names exactly the chunks that could not: none is
 * lost, none is counted twice, none recorded is called again.
 */
class DurableRunPropertyTest {

    static final JobKey KEY = new JobKey("prop", "job-1");
    static final Duration LEASE = Duration.ofSeconds(30);

    @Provide
    Arbitrary<List<InlineValue>> values() {
        Arbitrary<InlineValue> value = Arbitraries.integers().between(0, 4).flatMap(scale -> Arbitraries
                .bigDecimals().between(new BigDecimal("-1e9"), new BigDecimal("1e9")).ofScale(scale))
                .map(d -> InlineValue.string(d.toPlainString()));
        return value.list().ofMinSize(1).ofMaxSize(200);
    }

    @Provide
    Arbitrary<Set<Integer>> refused() {
        return Arbitraries.integers().between(0, 40).set().ofMaxSize(4);
    }

    @Provide
    Arbitrary<List<Integer>> crashesAfterMillis() {
        return Arbitraries.integers().between(1, 400).list().ofMaxSize(3);
    }

    @Property(tries = 60)
    void anyChunkingFailuresAndCrashes_exactSumOfTheSummableChunks_theOthersNamed(
            @ForAll("values") List<InlineValue> values, @ForAll @IntRange(min = 1, max = 30) int chunkSize,
            @ForAll @IntRange(min = 1, max = 6) int concurrency, @ForAll("refused") Set<Integer> refused,
            @ForAll("crashesAfterMillis") List<Integer> crashes,
            @ForAll @IntRange(min = 0, max = 2) int transientFailures) {
        // given: chunks that sum-chunk always refuses (400), others that fail a few times first (503), every call 7 ms
        TestEngine engine = new TestEngine(new CallGuards.Settings(1_000_000, 1.0, Duration.ofSeconds(1), 1),
                Duration.ofSeconds(10));
        JobPlan plan = new JobPlanner(100_000, new SourceGuard(List.of(), false), null).planValues("job-1", values,
                chunkSize);
        Set<Integer> refusedHere = new TreeSet<>();
        refused.stream().filter(i -> i < plan.size()).forEach(i -> {
            refusedHere.add(i);
            engine.sumChunk.failTimes(i, 1_000, 400);
        });
        for (int i = 0; i < plan.size(); i += 3) {
            if (!refusedHere.contains(i)) {
                engine.sumChunk.failTimes(i, transientFailures, 503);
            }
        }
        engine.sumChunk.delayEveryCall(Duration.ofMillis(7));
        MemoryJobStore store = new MemoryJobStore();
        JobTexts texts = new JobTexts(new ObjectMapper().findAndRegisterModules());
        store.submit(new NewJob(KEY, "fp", "{}", "{}", plan.size(), now(engine), now(engine).plus(Duration.ofHours(1)),
                now(engine).plus(Duration.ofDays(7))), now(engine));

        // when: an instance dies after each given time, and the next one takes over once its lease has passed
        int run = 0;
        for (int after : crashes) {
            DurableRun dying = claim(engine, store, texts, plan, concurrency, "instance-" + run++);
            if (dying == null) {
                break; // the job already ended
            }
            Cancellable subscription = dying.run().subscribe().with(e -> {
            });
            advance(engine, Duration.ofMillis(after));
            subscription.cancel();
            advance(engine, LEASE.plusSeconds(1));
        }
        DurableRun last = claim(engine, store, texts, plan, concurrency, "instance-" + run);
        if (last != null) {
            engine.time.await(last.run(), Duration.ofMinutes(10));
        }

        // then
        StoredJob job = store.find(KEY, now(engine)).orElseThrow();
        JobTexts.Outcome outcome = texts.outcome(job.outcome());
        ExactSum expected = ExactSum.EMPTY;
        for (Chunk c : plan.chunks()) {
            if (!refusedHere.contains(c.index())) {
                expected = expected.merge(InlineSummer.sum(
                        values.subList((int) c.offset(), (int) (c.offset() + c.length()))));
            }
        }
        assertThat(job.state()).isEqualTo(refusedHere.isEmpty() ? JobState.SUCCEEDED : JobState.PARTIAL);
        assertThat(outcome.failed()).extracting(FailedChunk::index).containsExactlyElementsOf(refusedHere);
        assertThat(new BigDecimal(outcome.result().sum())).isEqualByComparingTo(expected.sum());
        assertThat(outcome.result().count()).isEqualTo(expected.count());
        assertThat(store.chunks(KEY)).hasSize(plan.size() - refusedHere.size());
        assertThat(store.duplicateRecords()).isZero();
    }

    private static Instant now(TestEngine engine) {
        return engine.time.clock().instant();
    }

    private static DurableRun claim(TestEngine engine, MemoryJobStore store, JobTexts texts, JobPlan plan,
            int concurrency, String holder) {
        var claimed = store.claim(KEY, holder, now(engine), now(engine).plus(LEASE));
        if (claimed.isEmpty()) {
            return null;
        }
        StoredJob job = claimed.get();
        int tolerated = plan.size();
        JobRun run = new JobRun(plan, new JobRun.Limits(concurrency, tolerated, Integer.MAX_VALUE,
                new Deadline(engine.time.clock(), job.deadline())), engine.engine(), TestEngine.noHedging(), "job-1");
        return new DurableRun(store, job, plan, run, new JobEnding(texts, tolerated, false),
                new DurableRun.Timing(LEASE, Duration.ofSeconds(5), Duration.ofHours(1), 4, Duration.ofMillis(20)),
                engine.time, engine.time.executor(), engine.time.clock(), holder, engine.engine().metrics());
    }

    private static void advance(TestEngine engine, Duration d) {
        AtomicBoolean reached = new AtomicBoolean();
        engine.time.schedule(d, () -> reached.set(true));
        while (!reached.get()) {
            engine.time.step();
        }
    }
}
