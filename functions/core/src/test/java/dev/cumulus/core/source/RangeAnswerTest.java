package dev.cumulus.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.cumulus.core.error.ErrorCode;
import dev.cumulus.core.error.SourceUnavailableException;

/** Which answers to a ranged GET are the range asked for, and how many bytes they promise. */
class RangeAnswerTest {

    private static long expected(int status, String contentRange, Long contentLength, long from, long lastByte) {
        return RangeAnswer.expectedBytes(status, contentRange,
                contentLength == null ? OptionalLong.empty() : OptionalLong.of(contentLength), from, lastByte, "src");
    }

    @Test
    void partialContentAsAsked_promisesItsLength() {
        assertThat(expected(206, "bytes 4-17/100", 14L, 4, 17)).isEqualTo(14);
    }

    @Test
    void partialContentCutAtTheObjectsEnd_promisesTheRest() {
        // asked up to 117, the object has 100 bytes: 4-99 is all there is
        assertThat(expected(206, "bytes 4-99/100", 96L, 4, 117)).isEqualTo(96);
        assertThat(expected(206, "bytes 4-99/100", null, 4, -1)).isEqualTo(96);
    }

    @Test
    void wholeObjectAtOffsetZero_promisesItsContentLength() {
        assertThat(expected(200, null, 16L, 0, 17)).isEqualTo(16);
        assertThat(expected(200, null, null, 0, -1)).isEqualTo(-1);
    }

    @Test
    void rangeStartingPastTheEnd_empty() {
        assertThat(expected(416, "bytes */100", null, 200, 300)).isZero();
    }

    @Test
    void wholeObjectAtAnOffset_refusedAsRangeIgnored() {
        assertThatThrownBy(() -> expected(200, null, 1_000_000L, 4, 17))
                .isInstanceOfSatisfying(SourceUnavailableException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE))
                .hasMessageContaining("ignored the Range header");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // a shorter range than asked although the object has more
            "bytes 4-7/100|4|4|17", "bytes 4-7/1000000000000000|4|4|-1",
            // another start
            "bytes 0-17/100|18|4|17",
            // no or a garbled Content-Range
            "|14|4|17", "bytes 4-17|14|4|17", "bytes 17-4/100|14|4|17", "bytes 4-17/10|14|4|17",
            // a Content-Length that disagrees with the range
            "bytes 4-17/100|999|4|17"})
    void partialContentNotAsAsked_refused(String contentRange, long contentLength, long from, long lastByte) {
        assertThatThrownBy(() -> expected(206, contentRange, contentLength, from, lastByte))
                .isInstanceOf(SourceUnavailableException.class);
    }

    @Test
    void otherStatus_unavailableWithTheStatus() {
        assertThatThrownBy(() -> expected(302, null, null, 0, -1)).hasMessageContaining("HTTP 302")
                .hasMessageContaining("redirects are not followed");
    }
}
