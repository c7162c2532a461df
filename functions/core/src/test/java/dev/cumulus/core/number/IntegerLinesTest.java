package dev.cumulus.core.number;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IntegerLinesTest {

    // the run looks up to 16 bytes back from a line end and 18 ahead of a line start
    private static final String BEFORE = "\n".repeat(IntegerLines.MIN_START);
    private static final String AFTER = "x".repeat(IntegerLines.LOOKAHEAD);

    private record Run(int stoppedAt, ExactSum sum) {
    }

    /** Runs over {@code text}, padded as a buffer would be; positions are reported relative to the text. */
    private static Run run(String text) {
        byte[] b = (BEFORE + text + AFTER).getBytes(StandardCharsets.ISO_8859_1);
        DecimalAccumulator acc = new DecimalAccumulator();
        int next = IntegerLines.sum(b, BEFORE.length(), b.length - AFTER.length(), acc);
        return new Run(next - BEFORE.length(), acc.result());
    }

    /** The summary of the lines parsed one at a time by the general path. */
    private static ExactSum reference(String text) {
        DecimalAccumulator acc = new DecimalAccumulator();
        for (String line : text.split("\n")) {
            byte[] bytes = line.getBytes(StandardCharsets.ISO_8859_1);
            new DecimalParser(NumberLimits.DEFAULTS).parse(bytes, 0, bytes.length, acc);
        }
        return acc.result();
    }

    @Test
    void integersOfEveryLengthAndSign_sameSummaryAsTheGeneralPath() {
        // given: 1 to 16 digits, signs, zeros, leading zeros, the largest and smallest values taken
        StringBuilder text = new StringBuilder("0\n-0\n0000000000000042\n9999999999999999\n-9999999999999999\n");
        for (int digits = 1; digits <= 16; digits++) {
            String number = "123456789012345678".substring(0, digits);
            text.append(number).append('\n').append('-').append(number).append('\n');
        }

        // when
        Run run = run(text.toString());

        // then
        assertThat(run.stoppedAt()).isEqualTo(text.length());
        assertThat(run.sum()).isEqualTo(reference(text.toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " 5", "5 ", "+5", "1.5", "12\r", "1a", "--5", "-", "5-", "12345678901234567",
            "-12345678901234567", "1\u00b52", "\u00b9"})
    void lineNotAPlainIntegerOf16Digits_runStopsAtItsStart(String line) {
        // given: two lines the run takes, then the one to leave to the general path
        String before = "11\n-22\n";

        // when
        Run run = run(before + line + "\n33\n");

        // then
        assertThat(run.stoppedAt()).isEqualTo(before.length());
        assertThat(run.sum().count()).isEqualTo(2);
        assertThat(run.sum().sum()).isEqualTo(BigDecimal.valueOf(-11));
    }

    @Test
    void runOfManyLargeValues_summedExactlyPastWhatALongHolds() {
        // given: 2,500 values of 16 nines, then 1,000 of minus 16 nines; their running sum leaves a long's range
        String text = "9999999999999999\n".repeat(2500) + "-9999999999999999\n".repeat(1000);

        // when
        Run run = run(text);

        // then
        assertThat(run.stoppedAt()).isEqualTo(text.length());
        assertThat(run.sum().count()).isEqualTo(3500);
        assertThat(run.sum().sum()).isEqualTo(new BigDecimal("9999999999999999").multiply(BigDecimal.valueOf(1500)));
        assertThat(run.sum().min()).isEqualTo(new BigDecimal("-9999999999999999"));
    }

    @Test
    void largeMixedFile_throughLineSummer_sameAsOneLineAtATime() throws IOException {
        // given: over 1 MB, so buffers refill mid-run; mostly integers, with every other form mixed in
        Random random = new Random(7);
        StringBuilder text = new StringBuilder();
        while (text.length() < 1_200_000) {
            text.append(randomLine(random)).append(random.nextInt(50) == 0 ? "\r\n" : "\n");
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
        LineSummer summer = new LineSummer(64, Long.MAX_VALUE);
        int cut = bytes.length / 3 + 5;

        // when
        ExactSum whole = summer.sum(new ByteArrayInputStream(bytes), new ByteRange(0, null));
        ExactSum split = summer.sum(new ByteArrayInputStream(bytes), new ByteRange(0, (long) cut))
                .merge(summer.sum(new ByteArrayInputStream(bytes, cut - 1, bytes.length), new ByteRange(cut, null)));

        // then
        ExactSum expected = reference(text.toString().replace("\r", ""));
        assertThat(whole).isEqualTo(expected);
        assertThat(split).isEqualTo(expected);
    }

    private static String randomLine(Random random) {
        int kind = random.nextInt(100);
        if (kind < 3) {
            return "";
        }
        if (kind < 8) {
            return BigDecimal.valueOf(random.nextInt(2_000_000) - 1_000_000, 1 + random.nextInt(4)).toPlainString();
        }
        StringBuilder number = new StringBuilder(kind < 10 ? "+" : random.nextBoolean() ? "-" : "");
        int digits = 1 + random.nextInt(18);
        for (int i = 0; i < digits; i++) {
            number.append((char) ('0' + random.nextInt(10)));
        }
        return number.toString();
    }
}
