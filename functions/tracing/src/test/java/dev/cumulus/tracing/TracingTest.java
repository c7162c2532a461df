package dev.cumulus.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.cumulus.core.error.ErrorCode;
import dev.cumulus.core.error.InvalidInputException;
import dev.cumulus.core.request.IncomingTrace;
import dev.cumulus.core.request.TraceContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

class TracingTest {

    static final TraceContext CALLER = TraceContext
            .parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "congo=t61rcWkgMzE").orElseThrow();

    final InMemorySpanExporter exporter = InMemorySpanExporter.create();

    Tracing recording() {
        return Tracing.with(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build());
    }

    @Test
    void off_recordsNothing_passesCallersContextOn() {
        // given
        Tracing tracing = Tracing.off();

        // when
        ServerSpan span = new ServerSpans(tracing, () -> Optional.of(CALLER)).start("sum-chunk");

        // then
        assertThat(tracing.recording()).isFalse();
        assertThat(span.span().isRecording()).isFalse();
        assertThat(span.outgoing()).contains(CALLER);
        span.ended("answer");
    }

    @Test
    void off_noCaller_nothingSent() {
        ServerSpan span = new ServerSpans(Tracing.off(), IncomingTrace.NONE).start("sum-chunk");

        assertThat(span.outgoing()).isEmpty();
    }

    @Test
    void recording_serverSpanIsChildOfCaller_andCallsSendIt() {
        // given
        Tracing tracing = recording();

        // when
        ServerSpan span = new ServerSpans(tracing, () -> Optional.of(CALLER)).start("aggregate");
        var sent = span.outgoing().orElseThrow();
        assertThat(span.ended(42)).isEqualTo(42);

        // then
        var data = exporter.getFinishedSpanItems();
        assertThat(data).hasSize(1);
        assertThat(data.get(0).getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(data.get(0).getTraceId()).isEqualTo(CALLER.traceId());
        assertThat(data.get(0).getParentSpanId()).isEqualTo(CALLER.parentId());
        assertThat(data.get(0).getParentSpanContext().isRemote()).isTrue();
        assertThat(sent.traceId()).isEqualTo(CALLER.traceId());
        assertThat(sent.parentId()).isEqualTo(data.get(0).getSpanId());
        assertThat(sent.state()).isEqualTo(CALLER.state());
    }

    @Test
    void recording_noCaller_newTrace() {
        ServerSpan span = new ServerSpans(recording(), IncomingTrace.NONE).start("aggregate");
        span.ended(null);

        var data = exporter.getFinishedSpanItems().get(0);
        assertThat(data.getParentSpanContext().isValid()).isFalse();
        assertThat(data.getTraceId()).isNotEqualTo(CALLER.traceId());
    }

    @Test
    void failure_namedByCodeOnly_errorStatusOnlyForServerFaults() {
        // given
        Tracing tracing = recording();
        var spans = new ServerSpans(tracing, IncomingTrace.NONE);

        // when
        spans.start("refused").failed(new InvalidInputException("values", "must hold the password hunter2"));
        spans.start("broken").failed(new IllegalStateException("bug"));

        // then
        var refused = exporter.getFinishedSpanItems().get(0);
        var broken = exporter.getFinishedSpanItems().get(1);
        assertThat(refused.getAttributes().get(ServerSpan.ERROR_CODE)).isEqualTo(ErrorCode.INVALID_INPUT.name());
        assertThat(refused.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(refused.getEvents()).isEmpty();
        assertThat(refused.getAttributes().toString()).doesNotContain("hunter2");
        assertThat(broken.getAttributes().get(ServerSpan.ERROR_CODE)).isEqualTo("INTERNAL");
        assertThat(broken.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    }
}
