package dev.cumulus.core.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TraceContextTest {

    static final String VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void validTraceparent_parsedIntoItsParts() {
        // when
        var trace = TraceContext.parse(VALID, "congo=t61rcWkgMzE").orElseThrow();

        // then
        assertThat(trace.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(trace.parentId()).isEqualTo("00f067aa0ba902b7");
        assertThat(trace.flags()).isEqualTo("01");
        assertThat(trace.sampled()).isTrue();
        assertThat(trace.state()).isEqualTo("congo=t61rcWkgMzE");
        assertThat(trace.traceparent()).isEqualTo(VALID);
    }

    @Test
    void notSampledFlags_valid() {
        var trace = TraceContext.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00", null).orElseThrow();

        assertThat(trace.sampled()).isFalse();
        assertThat(trace.state()).isNull();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            // another version, or none
            "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            // uppercase hex
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00F067AA0BA902B7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0A",
            // all-zero ids
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
            // a part too short or too long
            "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e47361-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1",
            // too long as a whole, even when it only adds a part
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 ",
            // not hex, other separators, a line break to forge a log line
            "00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01",
            "00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7\n01"})
    void invalidTraceparent_ignored(String header) {
        assertThat(TraceContext.parse(header, "congo=t61rcWkgMzE")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "line\nbreak", "caf\u00e9=1"})
    void unprintableOrEmptyTracestate_dropped_traceKept(String state) {
        var trace = TraceContext.parse(VALID, state).orElseThrow();

        assertThat(trace.state()).isNull();
    }

    @Test
    void overlongTracestate_dropped() {
        assertThat(TraceContext.parse(VALID, "a=" + "b".repeat(510)).orElseThrow().state()).hasSize(512);
        assertThat(TraceContext.parse(VALID, "a=" + "b".repeat(511)).orElseThrow().state()).isNull();
    }

    @Test
    void withParent_keepsTraceAndState_changesParent() {
        var trace = TraceContext.parse(VALID, "k=v").orElseThrow();

        var next = trace.withParent("b7ad6b7169203331");

        assertThat(next.traceparent()).isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-b7ad6b7169203331-01");
        assertThat(next.state()).isEqualTo("k=v");
    }

    @Test
    void constructor_refusesInvalidParts() {
        assertThatThrownBy(() -> new TraceContext("0".repeat(32), "00f067aa0ba902b7", "01", null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
