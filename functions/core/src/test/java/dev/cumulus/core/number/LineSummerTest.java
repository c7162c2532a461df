package dev.cumulus.core.number;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.cumulus.core.error.InvalidNumberException;
import dev.cumulus.core.error.PayloadTooLargeException;

class LineSummerTest {

    private final LineSummer summer = new LineSummer(64, 1 << 20);

    private ExactSum sum(String text, long offset, Long length) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteRange range = new ByteRange(offset, length);
        InputStream in = new ByteArrayInputStream(bytes, (int) Math.min(range.readStart(), bytes.length),
                bytes.length);
        return summer.sum(in, range);
    }

    private ExactSum whole(String text) throws IOException {
        return sum(text, 0, null);
    }

    @Test
    void plainIntegers_summed() throws IOException {
        ExactSum result = whole("1\n2\n3\n");

        assertThat(result.count()).isEqualTo(3);
        assertThat(result.sum().toPlainString()).isEqualTo("6");
    }

    @Test
    void crlfBlankLinesSignsLeadingZerosNoFinalNewline_allHandled() throws IOException {
        ExactSum result = whole("+10\r\n\r\n-0003\n\n   \n 7 \r\n\t-1.50\n0042");

        assertThat(result.count()).isEqualTo(5);
        assertThat(result.sum().toPlainString()).isEqualTo("54.50");
        assertThat(result.min().toPlainString()).isEqualTo("-3");
        assertThat(result.max().toPlainString()).isEqualTo("42");
    }

    @Test
    void numbersBeyondLong_summedExactly() throws IOException {
        ExactSum result = whole("99999999999999999999\n1\n-0.000000000000000000001\n");

        assertThat(result.sum().toPlainString()).isEqualTo("99999999999999999999.999999999999999999999");
    }

    @Test
    void emptyInput_countZero() throws IOException {
        assertThat(whole("").count()).isZero();
        assertThat(whole("\n\n").count()).isZero();
    }

    @Test
    void rangeInsideALine_ownsOnlyLinesStartingInIt() throws IOException {
        String text = "100\n200\n300\n";
        // offset 2 is inside "100": that line belongs to the range before; "200" starts at 4, inside [2, 6)
        ExactSum result = sum(text, 2, 4L);

        assertThat(result.count()).isEqualTo(1);
        assertThat(result.sum().toPlainString()).isEqualTo("200");
    }

    @Test
    void rangeStartingExactlyAtALine_ownsIt() throws IOException {
        ExactSum result = sum("100\n200\n300\n", 4, 1L);

        assertThat(result.sum().toPlainString()).isEqualTo("200");
    }

    @Test
    void rangeEndingInsideALine_readsOnToFinishIt() throws IOException {
        ExactSum result = sum("100\n123456\n", 0, 6L);

        assertThat(result.count()).isEqualTo(2);
        assertThat(result.sum().toPlainString()).isEqualTo("123556");
    }

    @Test
    void rangePastTheEnd_ownsNothing() throws IOException {
        assertThat(sum("1\n2\n", 10, 5L).count()).isZero();
    }

    @Test
    void badLine_namedByLineOffsetAndText() {
        assertThatThrownBy(() -> sum("1\n2\n3\n12a\n", 2, null))
                .isInstanceOfSatisfying(InvalidNumberException.class, e -> {
                    // the range owns "2", "3", "12a": the third line, at byte 6
                    assertThat(e.location()).isEqualTo("line 3 of the range (byte offset 6)");
                    assertThat(e.text()).isEqualTo("12a");
                });
    }

    @Test
    void lineLongerThanTheLimit_rejected() {
        String longLine = "1".repeat(200) + "\n";

        assertThatThrownBy(() -> whole(longLine)).isInstanceOfSatisfying(InvalidNumberException.class,
                e -> assertThat(e.text()).startsWith("line longer than 64 bytes"));
    }

    @Test
    void rangeLongerThanTheLimit_rejectedBeforeReading() {
        LineSummer small = new LineSummer(64, 10);

        assertThatThrownBy(() -> small.sum(InputStream.nullInputStream(), new ByteRange(0, 11L)))
                .isInstanceOf(PayloadTooLargeException.class);
    }

    @Test
    void openRangeGrowingPastTheLimit_rejectedWhileReading() {
        LineSummer small = new LineSummer(64, 10);
        byte[] bytes = "1\n2\n3\n4\n5\n6\n7\n".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> small.sum(new ByteArrayInputStream(bytes), new ByteRange(0, null)))
                .isInstanceOf(PayloadTooLargeException.class);
    }

    @Test
    void inputArrivingInTinyPieces_sameResult() throws IOException {
        byte[] bytes = "12\r\n-3.5\n\n999999999999999999999\n4".getBytes(StandardCharsets.US_ASCII);
        InputStream trickle = new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };

        ExactSum result = summer.sum(trickle, new ByteRange(0, null));

        assertThat(result).isEqualTo(whole(new String(bytes, StandardCharsets.US_ASCII)));
        assertThat(result.sum().toPlainString()).isEqualTo("1000000000000000000011.5");
    }

    @Test
    void exponentLines_summed() throws IOException {
        ExactSum result = whole("1e3\n-2.5e-3\r\n1.5E+10\n5.\n1234567890123456789.\n");

        assertThat(result.count()).isEqualTo(5);
        assertThat(result.sum().toPlainString()).isEqualTo("1234567905123457793.9975");
    }

    @Test
    void hugeExponentLine_outOfBoundsNamingOnlyTheNumber() throws IOException {
        for (String number : new String[]{"1e-100000000", "1e-900000000", "1e8000000", "1e999999999",
                "1e-2147483648"}) {
            assertThatThrownBy(() -> whole("1\n2\n" + number + "\r\n4\n"))
                    .isInstanceOfSatisfying(InvalidNumberException.class, e -> {
                        assertThat(e.location()).isEqualTo("line 3 of the range (byte offset 4)");
                        assertThat(e.text()).isEqualTo(number);
                        assertThat(e.getMessage()).contains("out of bounds");
                    });
        }
    }

    @Test
    void longBadLine_echoesOnlyItsStart() throws IOException {
        LineSummer wide = new LineSummer(4096, 1 << 20);
        String line = "9".repeat(2000) + "secret";

        assertThatThrownBy(() -> wide.sum(new ByteArrayInputStream(line.getBytes(StandardCharsets.US_ASCII)),
                new ByteRange(0, null)))
                .isInstanceOfSatisfying(InvalidNumberException.class, e -> {
                    assertThat(e.text()).isEqualTo("9".repeat(40) + "...");
                    assertThat(e.getMessage()).doesNotContain("secret");
                });
    }
}
