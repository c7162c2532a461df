package dev.cumulus.source.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.cumulus.core.error.CumulusException;
import dev.cumulus.core.error.ErrorCode;
import dev.cumulus.core.error.InvalidInputException;
import dev.cumulus.core.number.ByteRange;
import dev.cumulus.core.number.ExactSum;
import dev.cumulus.core.number.LineSummer;
import dev.cumulus.core.number.RangeSplitter;
import dev.cumulus.core.source.ObjectStores;
import dev.cumulus.core.source.SourceGuard;
import dev.cumulus.core.source.SourceReader;
import dev.cumulus.core.source.SourceSummer;
import dev.cumulus.source.s3.testing.S3rverFixture;

/** s3:// sources read the way sum-chunk reads them: checked by the guard, opened and watched by the reader. */
class S3SourceSummerTest {

    private static final String BUCKET = "summed";
    private static final String URL = "s3://summed/lines.txt";

    private static String lines;
    private static BigDecimal whole;
    private static SourceSummer summer;

    @BeforeAll
    static void start() {
        S3rverFixture s3 = S3rverFixture.shared();
        // lines of different lengths, so that range ends fall inside lines, and both line ends
        StringBuilder text = new StringBuilder();
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < 400; i++) {
            BigDecimal n = new BigDecimal((i % 7 == 0 ? "-" : "") + i * 37 + "." + i % 100);
            text.append(n.toPlainString()).append(i % 5 == 0 ? "\r\n" : "\n");
            sum = sum.add(n);
        }
        lines = text.toString();
        whole = sum;
        s3.createBucket(BUCKET).put(BUCKET, "lines.txt", lines);
        s3.config(BUCKET);
        S3Clients clients = S3Clients.of(new S3ObjectStoreTest.TestConfig(s3.endpoint().toString()),
                Duration.ofSeconds(2), Duration.ofSeconds(5));
        ObjectStores stores = new ObjectStores(List.of(new S3ObjectStore(List.of(BUCKET), 100, clients::build)));
        summer = new SourceSummer(new SourceGuard(List.of(), null, stores),
                new SourceReader(new SourceReader.Settings(Duration.ofSeconds(2), Duration.ofSeconds(5),
                        Duration.ofSeconds(30), 1, Duration.ofSeconds(10)), stores),
                new LineSummer(64, 1 << 20));
    }

    @Test
    void rangesOfAnObject_eachLineOnce_sumEqualsTheWhole() {
        // given
        List<ByteRange> ranges = new RangeSplitter(1000).split(lines.length(), 97);

        // when
        ExactSum total = ExactSum.EMPTY;
        for (ByteRange r : ranges) {
            total = total.merge(summer.sum(URL, r, null));
        }

        // then
        assertThat(ranges).hasSizeGreaterThan(10);
        assertThat(total.count()).isEqualTo(400);
        assertThat(total.sum()).isEqualByComparingTo(whole);
        assertThat(summer.sum(URL, new ByteRange(0, null), null).sum()).isEqualByComparingTo(whole);
    }

    @Test
    void rangePastTheEnd_ownsNoLine() {
        assertThat(summer.sum(URL, new ByteRange(lines.length() + 10, 100L), null).count()).isZero();
    }

    @Test
    void missingObject_sourceUnavailable() {
        assertThatThrownBy(() -> summer.sum("s3://summed/none.txt", new ByteRange(0, 100L), null))
                .isInstanceOfSatisfying(CumulusException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE))
                .hasMessageContaining("no such object: s3://summed/none.txt");
    }

    @Test
    void bucketNotAllowed_refusedByTheGuard() {
        assertThatThrownBy(() -> summer.sum("s3://elsewhere/lines.txt", new ByteRange(0, 100L), null))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo("source.url"));
    }
}
