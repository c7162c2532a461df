package dev.cumulus.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestLogTest {

    @ParameterizedTest
    @ValueSource(strings = {"abc-123", "Root=1-5759e988-bd862e3fe1be46a994272793", "a.b_c:d/e"})
    void safeId_kept(String id) {
        assertThat(RequestLog.sanitize(id)).isEqualTo(id);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"bad\nid", "x y", "id\u00e9", "quote\"d"})
    void unsafeOrMissingId_replaced(String id) {
        assertThat(RequestLog.sanitize(id)).isNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {129, 1000})
    void overlongId_replaced(int length) {
        assertThat(RequestLog.sanitize("a".repeat(length))).isNull();
    }
}
