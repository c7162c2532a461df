package dev.cumulus.core.number;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.cumulus.core.error.InvalidInputException;

class RangeSplitterTest {

    @Test
    void sizeNotAMultiple_lastRangeShorter() {
        assertThat(new RangeSplitter(10).split(10, 4)).containsExactly(new ByteRange(0, 4L), new ByteRange(4, 4L),
                new ByteRange(8, 2L));
    }

    @Test
    void emptyObject_noRanges() {
        assertThat(new RangeSplitter(10).split(0, 4)).isEmpty();
    }

    @Test
    void tooManyChunks_refusedWithTheSmallestChunkThatFits() {
        assertThatThrownBy(() -> new RangeSplitter(1000).split(10_000_000, 1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("at most 1000")
                .hasMessageContaining("at least 10000 bytes");
    }

    @Test
    void zeroChunkBytes_refused() {
        assertThatThrownBy(() -> new RangeSplitter(10).split(10, 0)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("chunkBytes");
    }
}
