package dev.cumulus.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.cumulus.core.error.ErrorCode;
import dev.cumulus.core.error.SourceUnavailableException;
import dev.cumulus.core.number.ByteRange;
import dev.cumulus.core.number.ExactSum;
import dev.cumulus.core.number.LineSummer;
import dev.cumulus.core.request.CallerConnection;
import dev.cumulus.core.request.CallerSignal;
import dev.cumulus.core.testing.RangeFileServer;

class SourceSummerTest {

    private static final byte[] NUMBERS = "100\n200\n300\n400\n".getBytes(StandardCharsets.US_ASCII);

    private RangeFileServer server;
    private SourceSummer summer;

    @BeforeEach
    void start() throws Exception {
        server = RangeFileServer.start().put("/n.txt", NUMBERS);
        summer = new SourceSummer(new SourceGuard(List.of("127.0.0.1"), false),
                new SourceReader(new SourceReader.Settings(Duration.ofSeconds(2), Duration.ofSeconds(2),
                        Duration.ofSeconds(60), 1000, Duration.ofMillis(500))),
                new LineSummer(8, 1 << 20));
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

    @Test
    void tricklingSource_tooSlowAndItsConnectionClosed() throws InterruptedException {
        // given: one line every 50 ms, some 40 bytes per second against the 1,000 asked for
        server.trickle("/trickle.txt", "1\n".getBytes(StandardCharsets.US_ASCII), 50);

        // when / then
        assertThatThrownBy(() -> summer.sum(server.url("/trickle.txt"), new ByteRange(0, null), null))
                .isInstanceOfSatisfying(SourceUnavailableException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_TIMEOUT))
                .hasMessageContaining("min-bytes-per-second");
        awaitClosedByClient("/trickle.txt");
    }

    @Test
    void fastButEndlessSource_stopsAtTheCallersTimeout() throws InterruptedException {
        // given: 2,000 lines every 20 ms, well above the rate, and no end
        server.trickle("/endless.txt", "1\n".repeat(2000).getBytes(StandardCharsets.US_ASCII), 20);

        // when / then
        assertThatThrownBy(() -> summer.sum(server.url("/endless.txt"), new ByteRange(0, null), null,
                Duration.ofMillis(300), CallerConnection.NONE))
                .isInstanceOfSatisfying(SourceUnavailableException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_TIMEOUT))
                .hasMessageContaining("300 ms");
        awaitClosedByClient("/endless.txt");
    }

    @Test
    void callerGone_readStopsAndItsConnectionClosed() throws Exception {
        // given: an endless source, and a caller that goes away once the source is being read
        server.trickle("/endless.txt", "1\n".repeat(2000).getBytes(StandardCharsets.US_ASCII), 20);
        CallerSignal caller = new CallerSignal();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<ExactSum> reading = pool.submit(() -> summer.sum(server.url("/endless.txt"),
                    new ByteRange(0, null), null, null, caller::onGone));
            awaitRequest("/endless.txt");

            // when
            caller.gone();

            // then
            assertThatThrownBy(() -> reading.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(
                    SourceUnavailableException.class).hasMessageContaining("caller went away");
            awaitClosedByClient("/endless.txt");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sourcePromisingMoreThanItSends_unavailableNotAPartialSum() {
        // given: 16 bytes behind a promise of 10^15
        server.put("/liar.txt", NUMBERS).claimSize("/liar.txt", 1_000_000_000_000_000L);

        // when / then: both with and without a range end
        assertThatThrownBy(() -> summer.sum(server.url("/liar.txt"), new ByteRange(0, null), null))
                .isInstanceOfSatisfying(SourceUnavailableException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE))
                .hasMessageContaining("ended after 16 of the 1000000000000000 bytes");
        assertThatThrownBy(() -> summer.sum(server.url("/liar.txt"), new ByteRange(4, 100L), null))
                .isInstanceOfSatisfying(SourceUnavailableException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE))
                .hasMessageContaining("ended after 13 of the 110 bytes");
    }

    @Test
    void serverIgnoringRangeAtAnOffset_refused() {
        server.put("/no-ranges.txt", NUMBERS).ignoreRanges("/no-ranges.txt");

        assertThatThrownBy(() -> summer.sum(server.url("/no-ranges.txt"), new ByteRange(5, 4L), null))
                .isInstanceOf(SourceUnavailableException.class).hasMessageContaining("ignored the Range header");
    }

    @Test
    void serverIgnoringRangeAtOffsetZero_wholeObjectSummed() {
        server.put("/no-ranges.txt", NUMBERS).ignoreRanges("/no-ranges.txt");

        assertThat(summer.sum(server.url("/no-ranges.txt"), new ByteRange(0, null), null).sum())
                .isEqualByComparingTo("1000");
    }

    private void awaitRequest(String path) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (server.requests().stream().noneMatch(r -> r.startsWith("GET " + path + " "))) {
            assertThat(System.nanoTime() - deadline).as("the source was asked for %s", path).isNegative();
            Thread.sleep(10);
        }
    }

    private void awaitClosedByClient(String path) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!server.closedByClient().contains(path)) {
            assertThat(System.nanoTime() - deadline).as("the connection for %s was closed", path).isNegative();
            Thread.sleep(10);
        }
    }
}
