package dev.cumulus.core.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import dev.cumulus.core.error.InvalidInputException;

class SafeIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"abc-123", "Root=1-5759e988-bd862e3fe1be46a994272793", "a.b_c:d/e",
            "3fa85f64-5717-4562-b3fc-2c963f66afa6"})
    void idOfSafeCharacters_safe(String id) {
        assertThat(SafeId.isSafe(id)).isTrue();
        assertThat(SafeId.of(id)).contains(id);
        assertThat(SafeId.check("jobId", id)).isEqualTo(id);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"bad\nid", "bad\r\nid", "x y", "tab\tid", "id\u00e9", "quote\"d", "nul\u0000", "del\u007f",
            "key=v status=200\u2028"})
    void idWithAnythingElse_unsafe(String id) {
        assertThat(SafeId.isSafe(id)).isFalse();
        assertThat(SafeId.of(id)).isEmpty();
    }

    @Test
    void overlongId_unsafe() {
        assertThat(SafeId.isSafe("a".repeat(128))).isTrue();
        assertThat(SafeId.isSafe("a".repeat(129))).isFalse();
    }

    @Test
    void check_refusesNamingTheField_acceptsNull() {
        assertThat(SafeId.check("jobId", null)).isNull();
        assertThatThrownBy(() -> SafeId.check("jobId", "forged\nline"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("jobId"))
                .hasMessageNotContaining("forged");
    }
}
