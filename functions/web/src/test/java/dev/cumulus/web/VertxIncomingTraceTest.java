package dev.cumulus.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class VertxIncomingTraceTest {

    static final String PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    static final String OTHER = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @Test
    void traceparentHeader_read_withTracestate() {
        var trace = VertxIncomingTrace.of(Map.of("traceparent", PARENT, "tracestate", "k=v")::get).orElseThrow();

        assertThat(trace.traceparent()).isEqualTo(PARENT);
        assertThat(trace.state()).isEqualTo("k=v");
    }

    @Test
    void binaryCloudEventExtension_read() {
        var trace = VertxIncomingTrace.of(Map.of("ce-traceparent", PARENT, "ce-tracestate", "k=v")::get)
                .orElseThrow();

        assertThat(trace.traceparent()).isEqualTo(PARENT);
        assertThat(trace.state()).isEqualTo("k=v");
    }

    @Test
    void bothSent_headerWins() {
        var trace = VertxIncomingTrace.of(Map.of("traceparent", PARENT, "ce-traceparent", OTHER)::get).orElseThrow();

        assertThat(trace.traceparent()).isEqualTo(PARENT);
    }

    @Test
    void invalidHeader_noTrace_evenWithValidExtension() {
        // the caller's header is what it meant; a bad one is not replaced by a guess
        assertThat(VertxIncomingTrace.of(Map.of("traceparent", "00-bad", "ce-traceparent", OTHER)::get)).isEmpty();
    }

    @Test
    void none_noTrace() {
        assertThat(VertxIncomingTrace.of(Map.<String, String>of()::get)).isEmpty();
    }
}
