package dev.cumulus.aggregate.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.cumulus.aggregate.invoke.Invoker;
import dev.cumulus.aggregate.plan.JobPlan;
import dev.cumulus.aggregate.trace.ChunkSpans;
import dev.cumulus.core.chunk.ChunkRequest;
import dev.cumulus.core.chunk.ChunkResult;
import dev.cumulus.core.request.TraceContext;
import dev.cumulus.tracing.ServerSpan;
import dev.cumulus.tracing.ServerSpans;
import dev.cumulus.tracing.Tracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.smallrye.mutiny.Uni;

/** A job run's chunk calls as spans, recorded by the SDK's in-memory exporter, on the driven clock. */
class ChunkTracingTest {

    static final TraceContext CALLER = TraceContext
            .parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "congo=t61rcWkgMzE").orElseThrow();
    static final AttributeKey<Long> CHUNK = AttributeKey.longKey("cumulus.chunk.index");

    final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    final Tracing tracing = Tracing
            .with(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build());
    final ManualTime time = new ManualTime();
    final ScriptedSumChunk sumChunk = new ScriptedSumChunk(time);
    /** What each call sent, per chunk, in the order sent. */
    final Map<Integer, List<TraceContext>> sent = new ConcurrentHashMap<>();

    @AfterEach
    void close() {
        tracing.close();
    }

    @Test
    void jobOfTenChunks_tenChunkSpans_childrenOfTheRequestSpan_retryRecordedAsEvent() {
        // given: chunk 3 fails once with a 503, then answers
        sumChunk.failTimes(3, 1, 503);
        ServerSpan request = new ServerSpans(tracing, () -> Optional.of(CALLER)).start("aggregate");

        // when
        JobOutcome outcome = run(JobRunTest.plan(100, 10), request, TestEngine.noHedging());
        request.ended(outcome);

        // then
        assertThat(outcome.failures()).isEmpty();
        SpanData server = only("aggregate");
        assertThat(server.getTraceId()).isEqualTo(CALLER.traceId());
        assertThat(server.getParentSpanId()).isEqualTo(CALLER.parentId());
        List<SpanData> chunks = named("sum-chunk call");
        assertThat(chunks).hasSize(10);
        assertThat(chunks).allSatisfy(span -> {
            assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(span.getTraceId()).isEqualTo(CALLER.traceId());
            assertThat(span.getParentSpanId()).isEqualTo(server.getSpanId());
            assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        });
        assertThat(chunks).extracting(s -> s.getAttributes().get(CHUNK)).containsExactlyInAnyOrder(0L, 1L, 2L, 3L,
                4L, 5L, 6L, 7L, 8L, 9L);
        SpanData third = chunk(chunks, 3);
        assertThat(third.getEvents()).singleElement().satisfies(event -> {
            assertThat(event.getName()).isEqualTo("retry");
            assertThat(event.getAttributes().get(AttributeKey.longKey("cumulus.retry"))).isEqualTo(1L);
            // the code a 503 of the scripted sum-chunk carries
            assertThat(event.getAttributes().get(AttributeKey.stringKey("cumulus.error.code"))).isEqualTo("INTERNAL");
            // the first backoff of the engine's retries, without jitter
            assertThat(event.getAttributes().get(AttributeKey.longKey("cumulus.backoff.ms"))).isEqualTo(5L);
        });
        assertThat(chunks).filteredOn(s -> s != third).allSatisfy(s -> assertThat(s.getEvents()).isEmpty());
        // every call, the retry too, names its chunk's span as the parent of sum-chunk's span
        assertThat(sent.get(3)).hasSize(2);
        sent.forEach((index, contexts) -> assertThat(contexts).allSatisfy(c -> {
            assertThat(c.traceId()).isEqualTo(CALLER.traceId());
            assertThat(c.parentId()).isEqualTo(chunk(chunks, index).getSpanId());
            assertThat(c.state()).isEqualTo(CALLER.state());
        }));
    }

    @Test
    void straggler_hedgeRecordedAsEventOfItsChunkSpan_bothCallsSendIt() {
        // given: the first call of chunk 12 takes 1.5 s, long past the others
        sumChunk.slowOnce(12, Duration.ofMillis(1500));
        ServerSpan request = new ServerSpans(tracing, () -> Optional.of(CALLER)).start("aggregate");

        // when
        JobOutcome outcome = run(JobRunTest.plan(400, 10), request, TestEngine.hedging(40));
        request.ended(outcome);

        // then: one span per chunk still, the hedge an event of chunk 12's
        assertThat(outcome.stats().hedges()).isEqualTo(1);
        List<SpanData> chunks = named("sum-chunk call");
        assertThat(chunks).hasSize(40);
        assertThat(chunk(chunks, 12).getEvents()).extracting(e -> e.getName()).containsExactly("hedge");
        assertThat(sent.get(12)).hasSize(2).allSatisfy(c -> assertThat(c.parentId())
                .isEqualTo(chunk(chunks, 12).getSpanId()));
    }

    @Test
    void refusedChunk_spanEndsWithItsCode() {
        // given: chunk 2 is refused (422), which no retry mends
        sumChunk.failTimes(2, 1, 422);
        ServerSpan request = new ServerSpans(tracing, () -> Optional.of(CALLER)).start("aggregate");

        // when
        JobOutcome outcome = run(JobRunTest.plan(50, 10), request, TestEngine.noHedging());
        request.ended(outcome);

        // then
        assertThat(outcome.failures()).containsOnlyKeys(2);
        SpanData refused = chunk(named("sum-chunk call"), 2);
        assertThat(refused.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(refused.getAttributes().get(AttributeKey.stringKey("cumulus.error.code")))
                .isEqualTo(outcome.failures().get(2).code());
    }

    @Test
    void tracingOff_callersContextPassedOnUnchanged() {
        // given
        Tracing off = Tracing.off();
        ServerSpan request = new ServerSpans(off, () -> Optional.of(CALLER)).start("aggregate");

        // when
        Duration timeout = Duration.ofSeconds(20);
        ChunkCaller caller = new ChunkCaller(recording(sumChunk), CallGuards.create(TestEngine.calmBreaker()),
                new ChunkCaller.Retry(3, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ZERO),
                Duration.ofSeconds(10), time, new Random(1));
        JobRun.Engine engine = new JobRun.Engine(caller, time.clock(), time.executor(), Duration.ofMillis(5));
        time.await(new JobRun(JobRunTest.plan(30, 10), new JobRun.Limits(4, 0, 100, Deadline.after(time.clock(),
                timeout)), engine, TestEngine.noHedging(), "req-1").traced(new ChunkSpans(off, request.span())).run(),
                TestEngine.LIMIT);

        // then
        assertThat(exporter.getFinishedSpanItems()).isEmpty();
        assertThat(sent).hasSize(3);
        sent.values().forEach(contexts -> assertThat(contexts).containsExactly(CALLER));
    }

    private JobOutcome run(JobPlan plan, ServerSpan request, HedgePolicy hedging) {
        ChunkCaller caller = new ChunkCaller(recording(sumChunk), CallGuards.create(TestEngine.calmBreaker()),
                new ChunkCaller.Retry(3, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ZERO),
                Duration.ofSeconds(10), time, new Random(1));
        JobRun.Engine engine = new JobRun.Engine(caller, time.clock(), time.executor(), Duration.ofMillis(5));
        Deadline deadline = Deadline.after(time.clock(), Duration.ofSeconds(20));
        return time.await(new JobRun(plan, new JobRun.Limits(8, 1, 100, deadline), engine, hedging, "req-1")
                .traced(new ChunkSpans(tracing, request.span())).run(), TestEngine.LIMIT);
    }

    /** Notes the trace context of each call, then lets {@code target} answer it. */
    private Invoker recording(Invoker target) {
        return new Invoker() {
            @Override
            public Uni<ChunkResult> invoke(ChunkRequest request, String requestId, Duration timeout) {
                return invoke(request, requestId, null, timeout);
            }

            @Override
            public Uni<ChunkResult> invoke(ChunkRequest request, String requestId, TraceContext trace,
                    Duration timeout) {
                sent.computeIfAbsent(request.index(), i -> new CopyOnWriteArrayList<>()).add(trace);
                return target.invoke(request, requestId, timeout);
            }
        };
    }

    private List<SpanData> named(String name) {
        return exporter.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
    }

    private SpanData only(String name) {
        assertThat(named(name)).hasSize(1);
        return named(name).get(0);
    }

    private static SpanData chunk(List<SpanData> chunks, int index) {
        return chunks.stream().filter(s -> s.getAttributes().get(CHUNK) == index).findFirst().orElseThrow();
    }
}
