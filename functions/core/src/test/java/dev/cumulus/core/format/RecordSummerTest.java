package dev.cumulus.core.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.cumulus.core.error.CumulusException;
import dev.cumulus.core.error.ErrorCode;
import dev.cumulus.core.error.InvalidInputException;
import dev.cumulus.core.number.ByteRange;
import dev.cumulus.core.number.NumberLimits;

class RecordSummerTest {

    private static final String SOURCE = "https://host/orders.csv";

    private final RecordSummer summer = new RecordSummer(64, 1 << 20, NumberLimits.DEFAULTS);

    private RecordSum sum(String text, RecordFormat format) throws IOException {
        return sum(text, new ByteRange(0, null), format);
    }

    private RecordSum sum(String text, ByteRange range, RecordFormat format) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return summer.sum(Splits.from(bytes, range), range, format, SOURCE);
    }

    private static CumulusException refused(ThrowingSum call) {
        try {
            call.run();
        } catch (CumulusException e) {
            return e;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("not refused");
    }

    interface ThrowingSum {
        void run() throws IOException;
    }

    private static RecordFormat csvByName(String name) {
        return new RecordFormat("csv", name, true, null, null, null, null);
    }

    @Test
    void csvWithHeader_columnByName_quotedFieldsAndCrlf() throws IOException {
        // given: a byte order mark, a quoted delimiter and a doubled quote before the column, CRLF line ends
        String csv = "\uFEFFid,note,amount\r\n1,\"a, \"\"b\"\"\",12.50\r\n2,plain, 3 \r\n3,\"x\",\"-0.5\"\r\n";

        // when
        RecordSum result = sum(csv, csvByName("amount"));

        // then
        assertThat(result.sum().sum().toPlainString()).isEqualTo("15.00");
        assertThat(result.sum().count()).isEqualTo(3);
        assertThat(result.skipped()).isNull();
    }

    @Test
    void csvColumnByIndex_otherDelimiter_noHeader() throws IOException {
        assertThat(sum("a;1\nb;2\n\nc;3", RecordFormat.csv(1, false, ';')).sum().sum().toPlainString())
                .isEqualTo("6");
    }

    @Test
    void csvRangeAfterTheHeader_usesTheResolvedIndex() throws IOException {
        // given
        String csv = "id,amount\n1,10\n2,20\n3,30\n";
        int column = summer.columnOf(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                csvByName("amount"), SOURCE);

        // when: the range [12, end) owns the lines "2,20" and "3,30"
        RecordSum result = sum(csv, new ByteRange(12, null), csvByName("amount").withColumnIndex(column));

        // then
        assertThat(column).isEqualTo(1);
        assertThat(result.sum().sum().toPlainString()).isEqualTo("50");
    }

    @Test
    void csvLineBreakInsideQuotes_refusedEvenPastTheColumn() {
        // given: the value comes first, the open quote after it
        String csv = "1,\"two\nlines\"\n";

        // when
        CumulusException e = refused(() -> sum(csv, RecordFormat.csv(0, false, ',')));

        // then
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_RECORD);
        assertThat(e.getMessage()).contains("line 1 of the range (byte offset 0) of " + SOURCE)
                .contains("not closed on its line").doesNotContain("two");
        assertThat(e.details()).isEqualTo(Map.of("source", SOURCE, "line", 1L, "offset", 0L));
    }

    @Test
    void csvTextAfterClosingQuote_refused() {
        CumulusException e = refused(() -> sum("\"1\"x,2\n", RecordFormat.csv(1, false, ',')));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_RECORD);
        assertThat(e.getMessage()).contains("after the closing quote");
    }

    @Test
    void csvBadValue_namesColumnLineAndOffset_quotesOnlyTheValue() {
        // given
        String csv = "id,secret,amount\n1,s3cr3t,10\n2,s3cr3t,1O\n";

        // when
        CumulusException e = refused(() -> sum(csv, csvByName("amount")));

        // then: line 3 of the range starts at byte 29 (17 + 12)
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_NUMBER);
        assertThat(e.getMessage()).isEqualTo("line 3 of the range (byte offset 29) of " + SOURCE
                + ", column 'amount': '1O' is not a decimal number");
        assertThat(e.details()).isEqualTo(Map.of("source", SOURCE, "line", 3L, "offset", 29L, "at",
                "column 'amount'", "text", "1O"));
    }

    @Test
    void csvMissingValues_refusedByDefault_countedWithSkip() throws IOException {
        // given: an empty cell, an empty quoted cell, a short row
        String csv = "1,10\n2,\n3,\"\"\n4\n5,5\n";

        // when
        CumulusException e = refused(() -> sum(csv, RecordFormat.csv(1, false, ',')));
        RecordSum skipping = sum(csv, RecordFormat.csv(1, false, ',').withMissing("skip"));

        // then
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_RECORD);
        assertThat(e.getMessage()).contains("line 2 ").contains("column 1").contains("has no value");
        assertThat(skipping.sum().sum().toPlainString()).isEqualTo("15");
        assertThat(skipping.skipped()).isEqualTo(3);
    }

    @Test
    void csvUnknownColumnName_refusedAsInput() {
        CumulusException e = refused(() -> sum("id,total\n1,2\n", csvByName("amount")));

        assertThat(e).isInstanceOfSatisfying(InvalidInputException.class,
                i -> assertThat(i.field()).isEqualTo("format.column"));
        assertThat(e.getMessage()).contains("no column named 'amount'").contains(SOURCE);
    }

    @Test
    void csvAmbiguousColumnName_refusedAsInput() {
        CumulusException e = refused(() -> sum("amount,amount\n1,2\n", csvByName("amount")));

        assertThat(e.getMessage()).contains("more than one");
    }

    @Test
    void longLine_refusedWithoutItsText() {
        CumulusException e = refused(() -> sum("1,2\n" + "9".repeat(100) + "\n", RecordFormat.csv(0, false, ',')));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_RECORD);
        assertThat(e.getMessage()).contains("line 2").contains("longer than 64 bytes").doesNotContain("999");
    }

    @Test
    void jsonl_numbersAndStringsSummedExactly() throws IOException {
        // given: values a double would change
        String jsonl = "{\"order\":{\"total\":0.1}}\n{\"id\":2,\"order\":{\"x\":[1,{}],\"total\":\"0.2\"}}\r\n\n"
                + "{\"order\":{\"total\":12345678901234567890.123456789}}\n";

        // when
        RecordSum result = sum(jsonl, RecordFormat.jsonl("order.total"));

        // then
        assertThat(result.sum().sum().toPlainString()).isEqualTo("12345678901234567890.423456789");
        assertThat(result.sum().count()).isEqualTo(3);
    }

    @Test
    void jsonlMissingValue_refusedByDefault() {
        // given: "a" is not an object, so "a.x" is missing
        String jsonl = "{\"a\":{\"x\":1}}\n{\"a\":1}\n";

        // when
        CumulusException e = refused(() -> sum(jsonl, RecordFormat.jsonl("a.x")));

        // then
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_RECORD);
        assertThat(e.getMessage()).contains("line 2 ").contains("field 'a.x'").contains("has no value");
    }

    @Test
    void jsonlSkip_countsMissingKeysNullsAndEmptyStrings() throws IOException {
        RecordSum result = sum("{\"a\":1}\n{\"a\":null}\n{\"b\":1}\n{\"a\":\"\"}\n{\"a\":2}\n",
                RecordFormat.jsonl("a").withMissing("skip"));

        assertThat(result.sum().sum().toPlainString()).isEqualTo("3");
        assertThat(result.skipped()).isEqualTo(3);
    }

    @Test
    void jsonlBrokenRecords_refused() {
        RecordFormat f = RecordFormat.jsonl("a");
        assertThat(refused(() -> sum("[1,2]\n", f)).getMessage()).contains("is not a JSON object");
        assertThat(refused(() -> sum("{\"a\":1} {\"a\":2}\n", f)).getMessage()).contains("more than one JSON value");
        assertThat(refused(() -> sum("{\"a\":1,\"b\":tru}\n", f)).getMessage()).contains("not valid JSON");
        assertThat(refused(() -> sum("{\"a\":1,\"a\":2}\n", f)).getMessage()).contains("repeats a key");
        CumulusException deep = refused(() -> new RecordSummer(1024, 1 << 20, NumberLimits.DEFAULTS).sum(
                new ByteArrayInputStream(("{\"b\":" + "[".repeat(70) + "]".repeat(70) + "}").getBytes()),
                new ByteRange(0, null), f, SOURCE));
        assertThat(deep.code()).isEqualTo(ErrorCode.INVALID_RECORD);
        assertThat(deep.getMessage()).contains("nested deeper than 64");
    }

    @Test
    void jsonlBadValues_invalidNumberWithTheValueOnly() {
        CumulusException e = refused(() -> sum("{\"secret\":\"x\",\"a\":\"12,5\"}\n", RecordFormat.jsonl("a")));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_NUMBER);
        assertThat(e.getMessage()).endsWith("field 'a': '12,5' is not a decimal number").doesNotContain("secret");
        assertThat(refused(() -> sum("{\"a\":true}\n", RecordFormat.jsonl("a"))).code())
                .isEqualTo(ErrorCode.INVALID_RECORD);
        assertThat(refused(() -> sum("{\"a\":{\"x\":1}}\n", RecordFormat.jsonl("a"))).getMessage())
                .contains("field 'a': is not a number");
        assertThat(refused(() -> sum("{\"a\":\"1e5000\"}\n", RecordFormat.jsonl("a"))).getMessage())
                .contains("out of bounds");
    }
}
