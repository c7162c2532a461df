package dev.cumulus.core.source;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Wrong read bounds stop the function at start instead of failing each read. */
class SourceReaderSettingsTest {

    private static final Duration S = Duration.ofSeconds(1);

    @Test
    void zeroOrNegativeDuration_refused() {
        assertThatThrownBy(() -> new SourceReader.Settings(S, S, Duration.ZERO, 1, S))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SourceReader.Settings(S, Duration.ofSeconds(-1), S, 1, S))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void negativeRate_refused() {
        assertThatThrownBy(() -> new SourceReader.Settings(S, S, S, -1, S))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min-bytes-per-second");
    }
}
