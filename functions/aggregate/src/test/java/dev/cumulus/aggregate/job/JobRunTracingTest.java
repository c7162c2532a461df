package dev.cumulus.aggregate.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cumulus.aggregate.plan.JobPlan;
import dev.cumulus.aggregate.run.Deadline;
import dev.cumulus.aggregate.run.JobRun;
import dev.cumulus.aggregate.run.JobRunTest;
import dev.cumulus.aggregate.run.ScriptedSumChunk.Sent;
import dev.cumulus.aggregate.run.TestEngine;
import dev.cumulus.aggregate.trace.JobRunSpan;
import dev.cumulus.core.request.TraceContext;
import dev.cumulus.store.job.JobKey;
import dev.cumulus.store.job.JobState;
import dev.cumulus.store.job.NewJob;
import dev.cumulus.store.job.StoredJob;
import dev.cumulus.tracing.Tracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * Runs of a submitted job as spans, recorded by the SDK's in-memory exporter, on the driven clock: whichever run takes
 * the job up (the first, one after a lost instance, a redrive) continues the trace the job was submitted with, and its
 * chunk calls send it on to {@code sum-chunk}.
 */
class JobRunTracingTest {

    static final JobKey KEY = new JobKey("alice", "job-1");
    /** The context the submitting request's span would send on. */
    static final TraceContext SUBMITTED = TraceContext
            .parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "congo=t61rcWkgMzE").orElseThrow();
    static final DurableRun.Timing TIMING = new DurableRun.Timing(Duration.ofSeconds(30), Duration.ofSeconds(5),
            Duration.ofHours(1), 8, Duration.ofMillis(20));
    static final AttributeKey<Long> CHUNK = AttributeKey.longKey("cumulus.chunk.index");

    final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    final Tracing tracing = Tracing
            .with(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build());
    final TestEngine engine = new TestEngine();
    final MemoryJobStore store = new MemoryJobStore();
    final JobTexts texts = new JobTexts(new ObjectMapper().findAndRegisterModules());
    final JobPlan plan = JobRunTest.plan(100, 10); // 10 chunks

    @AfterEach
    void close() {
        tracing.close();
    }

    @Test
    void submittedWithATrace_runSpanChildOfTheSubmitter_chunkSpansItsChildren_callsSendThem() {
        // given
        submit(SUBMITTED);

        // when
        DurableRun.Ended ended = engine.time.await(run("a", 0, tracing, Optional.empty()), Duration.ofMinutes(5));

        // then
        assertThat(ended).isEqualTo(DurableRun.Ended.FINISHED);
        SpanData run = only(runs());
        assertThat(run.getKind()).isEqualTo(SpanKind.INTERNAL);
        assertThat(run.getTraceId()).isEqualTo(SUBMITTED.traceId());
        assertThat(run.getParentSpanId()).isEqualTo(SUBMITTED.parentId());
        assertThat(run.getAttributes().get(AttributeKey.stringKey("cumulus.job.id"))).isEqualTo("job-1");
        assertThat(run.getAttributes().get(AttributeKey.longKey("cumulus.job.run"))).isEqualTo(1L);
        assertThat(run.getAttributes().get(AttributeKey.stringKey("cumulus.job.ended"))).isEqualTo("FINISHED");
        List<SpanData> chunks = chunkCalls();
        assertThat(chunks).hasSize(10).allSatisfy(span -> {
            assertThat(span.getTraceId()).isEqualTo(SUBMITTED.traceId());
            assertThat(span.getParentSpanId()).isEqualTo(run.getSpanId());
        });
        assertThat(engine.sumChunk.sent()).hasSize(10).allSatisfy(sent -> {
            assertThat(sent.trace().traceId()).isEqualTo(SUBMITTED.traceId());
            assertThat(sent.trace().parentId()).isEqualTo(chunk(chunks, sent.index()).getSpanId());
            assertThat(sent.trace().state()).isEqualTo(SUBMITTED.state());
        });
    }

    @Test
    void instanceLostMidway_theNextRunContinuesTheSameTrace() {
        // given: every call takes 500 ms, 4 at a time; the first instance is gone after 700 ms, with 4 chunks
        // recorded and 4 calls in flight
        submit(SUBMITTED);
        engine.sumChunk.delayEveryCall(Duration.ofMillis(500));
        Cancellable first = run("a", 0, tracing, Optional.empty()).subscribe().with(e -> {
        });
        advance(Duration.ofMillis(700));
        first.cancel();

        // when: another instance takes the job up once the first one's lease has passed
        advance(TIMING.lease().plusSeconds(1));
        DurableRun.Ended ended = engine.time.await(run("b", 0, tracing, Optional.empty()), Duration.ofMinutes(5));

        // then: two run spans, both children of the submitter's span; every chunk call of both in its trace
        assertThat(ended).isEqualTo(DurableRun.Ended.FINISHED);
        assertThat(runs()).hasSize(2).allSatisfy(run -> {
            assertThat(run.getTraceId()).isEqualTo(SUBMITTED.traceId());
            assertThat(run.getParentSpanId()).isEqualTo(SUBMITTED.parentId());
        });
        assertThat(runs()).extracting(r -> r.getAttributes().get(AttributeKey.stringKey("cumulus.job.ended")))
                .containsExactlyInAnyOrder("DROPPED", "FINISHED");
        assertThat(engine.sumChunk.sent()).hasSizeGreaterThan(10)
                .allSatisfy(sent -> assertThat(sent.trace().traceId()).isEqualTo(SUBMITTED.traceId()));
    }

    @Test
    void redriven_theSecondRunContinuesTheSubmittersTrace() {
        // given: chunk 3 is refused once (a 4xx, no retry) while the job tolerates one failure
        submit(SUBMITTED);
        engine.sumChunk.failTimes(3, 1, 400);
        engine.time.await(run("a", 1, tracing, Optional.empty()), Duration.ofMinutes(5));
        assertThat(job().state()).isEqualTo(JobState.PARTIAL);

        // when
        store.redrive(KEY, now(), now().plus(Duration.ofHours(1)), now().plus(Duration.ofDays(7))).orElseThrow();
        engine.time.await(run("b", 1, tracing, Optional.empty()), Duration.ofMinutes(5));

        // then
        assertThat(job().state()).isEqualTo(JobState.SUCCEEDED);
        SpanData second = runs().stream()
                .filter(r -> r.getAttributes().get(AttributeKey.longKey("cumulus.job.run")) == 2L).findFirst()
                .orElseThrow();
        assertThat(second.getTraceId()).isEqualTo(SUBMITTED.traceId());
        assertThat(second.getParentSpanId()).isEqualTo(SUBMITTED.parentId());
        List<SpanData> redriven = chunkCalls().stream().filter(s -> s.getParentSpanId().equals(second.getSpanId()))
                .toList();
        assertThat(redriven).singleElement().satisfies(s -> assertThat(s.getAttributes().get(CHUNK)).isEqualTo(3L));
    }

    @Test
    void askedForByARequestWithATraceOfItsOwn_runSpanLinksToIt() {
        // given
        submit(SUBMITTED);
        TraceContext asker = TraceContext.parse("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", null)
                .orElseThrow();

        // when
        engine.time.await(run("a", 0, tracing, Optional.of(asker)), Duration.ofMinutes(5));

        // then: still in the submitter's trace, with the asking request's span as a link
        SpanData run = only(runs());
        assertThat(run.getTraceId()).isEqualTo(SUBMITTED.traceId());
        assertThat(run.getLinks()).singleElement().satisfies(link -> {
            assertThat(link.getSpanContext().getTraceId()).isEqualTo(asker.traceId());
            assertThat(link.getSpanContext().getSpanId()).isEqualTo(asker.parentId());
        });
    }

    @Test
    void tracingOff_noSpan_callsSendTheSubmittersContextUnchanged() {
        // given
        submit(SUBMITTED);

        // when
        engine.time.await(run("a", 0, Tracing.off(), Optional.empty()), Duration.ofMinutes(5));

        // then
        assertThat(exporter.getFinishedSpanItems()).isEmpty();
        assertThat(engine.sumChunk.sent()).hasSize(10).extracting(Sent::trace).containsOnly(SUBMITTED);
    }

    @Test
    void submittedWithoutATrace_tracingOff_callsSendNone() {
        // given
        submit(null);

        // when
        engine.time.await(run("a", 0, Tracing.off(), Optional.empty()), Duration.ofMinutes(5));

        // then
        assertThat(engine.sumChunk.sent()).hasSize(10).extracting(Sent::trace).containsOnlyNulls();
    }

    @Test
    void submittedWithoutATrace_tracingOn_runBeginsATraceOfItsOwn() {
        // given
        submit(null);

        // when
        engine.time.await(run("a", 0, tracing, Optional.empty()), Duration.ofMinutes(5));

        // then
        SpanData run = only(runs());
        assertThat(run.getParentSpanContext().isValid()).isFalse();
        assertThat(chunkCalls()).hasSize(10)
                .allSatisfy(span -> assertThat(span.getTraceId()).isEqualTo(run.getTraceId()));
        assertThat(engine.sumChunk.sent()).extracting(s -> s.trace().traceId()).containsOnly(run.getTraceId());
    }

    private void submit(TraceContext trace) {
        store.submit(new NewJob(KEY, "fp", "{}", "{}", plan.size(), now(), now().plus(Duration.ofHours(1)),
                now().plus(Duration.ofDays(7)), trace), now());
    }

    /** Claims the job for {@code holder} and runs it as the service does, in the span of the run. */
    private Uni<DurableRun.Ended> run(String holder, int tolerated, Tracing tracing, Optional<TraceContext> asker) {
        StoredJob job = store.claim(KEY, holder, now(), now().plus(TIMING.lease())).orElseThrow();
        JobRunSpan span = JobRunSpan.start(tracing, KEY.jobId(), job.runs(), Optional.ofNullable(job.trace()), asker);
        JobRun run = new JobRun(plan, new JobRun.Limits(4, tolerated, 1000, new Deadline(engine.time.clock(),
                job.deadline())), engine.engine(), TestEngine.noHedging(), KEY.jobId()).traced(span);
        return span.around(new DurableRun(store, job, plan, run, new JobEnding(texts, tolerated, false), TIMING,
                engine.time, engine.time.executor(), engine.time.clock(), holder, engine.engine().metrics()).run());
    }

    private Instant now() {
        return engine.time.clock().instant();
    }

    private StoredJob job() {
        return store.find(KEY, now()).orElseThrow();
    }

    /** Moves the clock on by {@code d}, running whatever falls due. */
    private void advance(Duration d) {
        boolean[] reached = {false};
        engine.time.schedule(d, () -> reached[0] = true);
        while (!reached[0]) {
            engine.time.step();
        }
    }

    private List<SpanData> runs() {
        return named("aggregate job run");
    }

    private List<SpanData> chunkCalls() {
        return named("sum-chunk call");
    }

    private List<SpanData> named(String name) {
        return exporter.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
    }

    private static SpanData only(List<SpanData> spans) {
        assertThat(spans).hasSize(1);
        return spans.get(0);
    }

    private static SpanData chunk(List<SpanData> chunks, int index) {
        return chunks.stream().filter(s -> s.getAttributes().get(CHUNK) == index).findFirst().orElseThrow();
    }
}
