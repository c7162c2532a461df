package dev.cumulus.aggregate.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.cumulus.aggregate.plan.JobPlan;
import dev.cumulus.aggregate.plan.JobPlanner;
import dev.cumulus.core.number.InlineSummer;
import dev.cumulus.core.number.InlineValue;
import dev.cumulus.core.source.SourceGuard;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever the values, the chunking, the concurrency and the failures (as long as each chunk fails no more often than
 * the retries allow), the aggregate equals the single-process exact sum, text included.
 */
class AggregatePropertyTest {

    @Provide
    Arbitrary<List<InlineValue>> values() {
        Arbitrary<InlineValue> value = Arbitraries.integers().between(0, 6).flatMap(scale -> Arbitraries
                .bigDecimals().between(new BigDecimal("-1e12"), new BigDecimal("1e12")).ofScale(scale))
                .flatMap(d -> Arbitraries.of(InlineValue.number(d.toPlainString()),
                        InlineValue.string(d.toPlainString())));
        return value.list().ofMaxSize(300);
    }

    @Provide
    Arbitrary<Map<Integer, Integer>> failures() {
        // chunk index -> failed calls before it answers: 0 to 3, the retries allowed
        return Arbitraries.maps(Arbitraries.integers().between(0, 60), Arbitraries.integers().between(0, 3))
                .ofMaxSize(10);
    }

    @Property(tries = 100)
    void anyChunkingAndRetriedFailures_equalTheSingleProcessSum(@ForAll("values") List<InlineValue> values,
            @ForAll @IntRange(min = 1, max = 50) int chunkSize, @ForAll @IntRange(min = 1, max = 8) int concurrency,
            @ForAll("failures") Map<Integer, Integer> failures, @ForAll boolean serverErrors) {
        // given: a breaker that never opens (the failures here are all within the retries), and enough extra calls
        TestEngine engine = new TestEngine(new CallGuards.Settings(1_000_000, 1.0, Duration.ofSeconds(1), 1),
                Duration.ofSeconds(10));
        failures.forEach((index, times) -> engine.sumChunk.failTimes(index, times, serverErrors ? 503 : 500));
        JobPlan plan = new JobPlanner(100_000, new SourceGuard(List.of(), false), null).planValues("prop", values,
                chunkSize);

        // when
        JobOutcome outcome = engine.run(plan, concurrency, 0, Duration.ofSeconds(20), TestEngine.noHedging());

        // then
        assertThat(outcome.failures()).isEmpty();
        assertThat(outcome.sum()).isEqualTo(InlineSummer.sum(values));
        assertThat(outcome.stats().succeeded()).isEqualTo(plan.size());
        int injected = failures.entrySet().stream().filter(e -> e.getKey() < plan.size()).mapToInt(Map.Entry::getValue)
                .sum();
        assertThat(outcome.stats().retries()).isEqualTo(injected);
    }
}
