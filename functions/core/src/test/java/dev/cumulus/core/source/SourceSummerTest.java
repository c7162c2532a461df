package dev.cumulus.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.cumulus.core.error.ErrorCode;
import dev.cumulus.core.error.SourceUnavailableException;
import dev.cumulus.core.number.ByteRange;
import dev.cumulus.core.number.ExactSum;
import dev.cumulus.core.number.LineSummer;
import dev.cumulus.core.testing.RangeFileServer;

class SourceSummerTest {

    private static final byte[] NUMBERS = "100\n200\n300\n400\n".getBytes(StandardCharsets.US_ASCII);

    private RangeFileServer server;
    private SourceSummer summer;

    @BeforeEach
    void start() throws Exception {
        server = RangeFileServer.start().put("/n.txt", NUMBERS);
        summer = new SourceSummer(new SourceGuard(List.of("127.0.0.1"), false),
                new SourceReader(Duration.ofSeconds(2), Duration.ofMillis(500)), new LineSummer(8, 1 << 20));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void range_requestsOneByteEarlyAndOneLongestLinePast() {
        // given: the range [5, 9) with lines of at most 8 bytes
        ExactSum result = summer.sum(server.url("/n.txt"), new ByteRange(5, 4L), "req-1");

        // then: "300" starts at 8, inside the range; "200" starts at 4, before it
        assertThat(result.sum().toPlainString()).isEqualTo("300");
        // from 4, one byte before the range, to 17: its last byte (8) plus the longest line (8) and its newline
        assertThat(server.requests()).containsExactly("GET /n.txt bytes=4-17");
    }

    @Test
    void openRange_requestsToTheEnd() {
        summer.sum(server.url("/n.txt"), new ByteRange(0, null), null);

        assertThat(server.requests()).containsExactly("GET /n.txt bytes=0-");
    }

    @Test
    void emptyRange_readsNothing() {
        assertThat(summer.sum(server.url("/n.txt"), new ByteRange(3, 0L), null).count()).isZero();
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void stalledSource_timesOut() {
        server.put("/slow.txt", NUMBERS).hang("/slow.txt");

        assertThatThrownBy(() -> summer.sum(server.url("/slow.txt"), new ByteRange(0, null), null))
                .isInstanceOfSatisfying(SourceUnavailableException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_TIMEOUT));
    }

    @Test
    void errorMessage_neverShowsTheQueryString() {
        assertThatThrownBy(() -> summer.sum(server.url("/missing.txt?X-Amz-Signature=secret"),
                new ByteRange(0, null), null))
                .isInstanceOf(SourceUnavailableException.class)
                .hasMessageContaining("/missing.txt")
                .hasMessageNotContaining("secret");
    }
}
