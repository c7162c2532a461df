package dev.cumulus.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.cumulus.core.error.CumulusException;
import dev.cumulus.core.error.ErrorCode;
import dev.cumulus.core.error.InvalidInputException;
import dev.cumulus.core.format.RecordFormat;
import dev.cumulus.core.format.RecordSum;
import dev.cumulus.core.number.ByteRange;
import dev.cumulus.core.number.LineSummer;
import dev.cumulus.core.request.CallerConnection;
import dev.cumulus.core.testing.RangeFileServer;

class SourceSummerFormatsTest {

    private static final byte[] CSV = "id,amount\n1,10\n2,20\n3,30\n".getBytes(StandardCharsets.US_ASCII);
    private static final RecordFormat BY_NAME = new RecordFormat("csv", "amount", true, null, null, null, null);

    private RangeFileServer server;
    private SourceSummer summer;

    @BeforeEach
    void start() throws Exception {
        server = RangeFileServer.start().put("/o.csv", CSV).put("/o.csv.gz", gzip(CSV));
        summer = summer(1 << 20);
    }

    private static SourceSummer summer(long maxDecompressed) {
        return new SourceSummer(new SourceGuard(List.of("127.0.0.1"), false),
                new SourceReader(new SourceReader.Settings(Duration.ofSeconds(2), Duration.ofSeconds(2),
                        Duration.ofSeconds(60), 1000, Duration.ofMillis(500))),
                new LineSummer(16, 1 << 20), maxDecompressed);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RecordSum sum(String path, ByteRange range, RecordFormat format) {
        return summer.sum(server.url(path), range, format, null, null, CallerConnection.NONE);
    }

    @Test
    void csvRangeAfterTheHeader_readsTheHeaderLineFirst() {
        // when: the range [12, end) owns "2,20" and "3,30"
        RecordSum result = sum("/o.csv", new ByteRange(12, null), BY_NAME);

        // then: a short read of the first line (16 bytes, newline, byte order mark), then the range
        assertThat(result.sum().sum().toPlainString()).isEqualTo("50");
        assertThat(server.requests()).containsExactly("GET /o.csv bytes=0-19", "GET /o.csv bytes=11-");
    }

    @Test
    void csvRangeAtStart_learnsTheHeaderFromItsOwnRead() {
        RecordSum result = sum("/o.csv", new ByteRange(0, 12L), BY_NAME);

        assertThat(result.sum().sum().toPlainString()).isEqualTo("10");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void gzipObject_readWholeAndDecompressed() {
        RecordSum byName = sum("/o.csv.gz", new ByteRange(0, null), BY_NAME);
        RecordSum withLength = sum("/o.csv.gz", new ByteRange(0, (long) gzip(CSV).length), BY_NAME);

        assertThat(byName.sum().sum().toPlainString()).isEqualTo("60");
        assertThat(withLength.sum().count()).isEqualTo(3);
    }

    @Test
    void gzipLines_withoutFormat() {
        server.put("/n.txt.gz", gzip("1\n2\n3.5\n".getBytes(StandardCharsets.US_ASCII)));

        assertThat(summer.sum(server.url("/n.txt.gz"), new ByteRange(0, null), null).sum().toPlainString())
                .isEqualTo("6.5");
    }

    @Test
    void gzipRangeNotAtStart_refused() {
        assertThatThrownBy(() -> sum("/o.csv.gz", new ByteRange(10, null), BY_NAME))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("source.offset");
                    assertThat(e.getMessage()).contains("gzip object cannot be split");
                });
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void gzipRangeShorterThanTheObject_refused() {
        assertThatThrownBy(() -> sum("/o.csv.gz", new ByteRange(0, 10L), BY_NAME))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo("source.length"));
    }

    @Test
    void gzipBomb_refusedPastTheBound() {
        // given: a megabyte of newlines, which compresses to about a kilobyte
        server.put("/bomb.txt.gz", gzip(new byte[1 << 20]));
        byte[] zeros = new byte[1 << 20];
        Arrays.fill(zeros, (byte) '\n');
        server.put("/bomb.txt.gz", gzip(zeros));

        // when
        assertThatThrownBy(() -> summer(64 * 1024).sum(server.url("/bomb.txt.gz"), new ByteRange(0, null), null))
                .isInstanceOfSatisfying(CumulusException.class, e -> {
                    // then
                    assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
                    assertThat(e.getMessage()).contains("cumulus.sum-chunk.max-decompressed-bytes");
                });
    }

    @Test
    void corruptOrCutShortGzip_invalidRecord() {
        byte[] whole = gzip(CSV);
        server.put("/bad.csv.gz", CSV).put("/cut.csv.gz", Arrays.copyOf(whole, whole.length - 12));

        for (String path : List.of("/bad.csv.gz", "/cut.csv.gz")) {
            assertThatThrownBy(() -> sum(path, new ByteRange(0, null), BY_NAME))
                    .isInstanceOfSatisfying(CumulusException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_RECORD));
        }
    }

    @Test
    void compressionNone_readsAGzNameAsPlainText() {
        server.put("/plain.gz", CSV);
        RecordFormat plain = new RecordFormat("csv", 1, true, null, null, null, "none");

        assertThat(sum("/plain.gz", new ByteRange(5, null), plain).sum().sum().toPlainString()).isEqualTo("60");
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }
}
