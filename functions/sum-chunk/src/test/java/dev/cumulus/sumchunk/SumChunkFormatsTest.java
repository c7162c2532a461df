package dev.cumulus.sumchunk;

import static dev.cumulus.sumchunk.SumChunkFunctionTest.post;
import static dev.cumulus.sumchunk.SumChunkFunctionTest.resource;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.cumulus.core.testing.RangeFileServer;
import io.quarkus.test.junit.QuarkusTest;

/** Sources in CSV and JSON Lines, plain and gzip, served on loopback; and the errors of each. */
@QuarkusTest
class SumChunkFormatsTest {

    static final String CSV_BY_NAME = "\"format\":{\"type\":\"csv\",\"column\":\"amount\",\"header\":true"
            + ",\"missing\":\"skip\"}";

    static RangeFileServer files;

    @BeforeAll
    static void startSourceServer() throws IOException {
        byte[] csv = resource("orders.csv");
        files = RangeFileServer.start().put("/orders.csv", csv).put("/orders.csv.gz", gzip(csv))
                .put("/orders.jsonl", resource("orders.jsonl"))
                .put("/broken.csv", "id,amount\n1,\"2\n3\",4\n".getBytes())
                .put("/bad.csv", "id,amount\n1,10\n2,1O\n".getBytes());
    }

    @AfterAll
    static void stopSourceServer() {
        files.close();
    }

    static String source(String path, String range) {
        return "\"source\":{\"url\":\"" + files.url(path) + "\"" + range + "}";
    }

    @Test
    void csvByName_twoRanges_addUpToTheWholeFile() {
        // given: the header line is 19 bytes and records 2, 3 and 4 start at 43, 68 and 76: the first range owns
        // records 1 and 2, the second records 3 (no amount) and 4
        post("{" + source("/orders.csv", ",\"offset\":0,\"length\":50") + "," + CSV_BY_NAME + "}")
                .statusCode(200).body("count", equalTo(2)).body("sum", equalTo("10.25")).body("skipped", equalTo(0));
        post("{" + source("/orders.csv", ",\"offset\":50") + "," + CSV_BY_NAME + "}")
                .statusCode(200).body("count", equalTo(1)).body("sum", equalTo("100")).body("skipped", equalTo(1));
    }

    @Test
    void jsonl_nestedField() {
        post("{" + source("/orders.jsonl", "") + ",\"format\":{\"type\":\"jsonl\",\"field\":\"order.total\","
                + "\"missing\":\"skip\"}}")
                .statusCode(200).body("count", equalTo(3)).body("sum", equalTo("110.25"))
                .body("min", equalTo("-2.25")).body("max", equalTo("100")).body("skipped", equalTo(2));
    }

    @Test
    void gzipCsv_readWhole() {
        post("{" + source("/orders.csv.gz", "") + "," + CSV_BY_NAME + "}")
                .statusCode(200).body("count", equalTo(3)).body("sum", equalTo("110.25"));
    }

    @Test
    void linesAnswer_hasNoSkippedField() {
        post("{\"values\":[1,2]}").statusCode(200).body("$", not(hasKey("skipped")));
    }

    @Test
    void gzipRangeNotAtStart_400() {
        post("{" + source("/orders.csv.gz", ",\"offset\":10") + "," + CSV_BY_NAME + "}")
                .statusCode(400).body("error.code", equalTo("INVALID_INPUT"))
                .body("error.details.field", equalTo("source.offset"))
                .body("error.message", containsString("gzip object cannot be split"));
    }

    @Test
    void lineBreakInsideQuotes_422InvalidRecord() {
        post("{" + source("/broken.csv", "") + ",\"format\":{\"type\":\"csv\",\"column\":1,\"header\":true}}")
                .statusCode(422).body("error.code", equalTo("INVALID_RECORD"))
                .body("error.details.source", equalTo(files.url("/broken.csv")))
                .body("error.details.line", equalTo(2)).body("error.details.offset", equalTo(10))
                .body("error.message", containsString("not closed on its line"));
    }

    @Test
    void badValue_422InvalidNumberNamingTheColumn() {
        post("{" + source("/bad.csv", "") + ",\"format\":{\"type\":\"csv\",\"column\":\"amount\",\"header\":true}}")
                .statusCode(422).body("error.code", equalTo("INVALID_NUMBER"))
                .body("error.details.at", equalTo("column 'amount'")).body("error.details.text", equalTo("1O"))
                .body("error.details.line", equalTo(3));
    }

    @Test
    void missingValue_422ByDefault() {
        post("{" + source("/orders.csv", "") + ",\"format\":{\"type\":\"csv\",\"column\":2,\"header\":true}}")
                .statusCode(422).body("error.code", equalTo("INVALID_RECORD"))
                .body("error.message", containsString("has no value"));
    }

    @Test
    void unknownColumnName_400() {
        post("{" + source("/orders.csv", ",\"offset\":30")
                + ",\"format\":{\"type\":\"csv\",\"column\":\"total\",\"header\":true}}")
                .statusCode(400).body("error.details.field", equalTo("format.column"))
                .body("error.message", containsString("no column named 'total'"));
    }

    @Test
    void invalidFormat_400NamingTheField() {
        post("{" + source("/orders.csv", "") + ",\"format\":{\"type\":\"csv\",\"column\":1,\"delimiter\":\"::\"}}")
                .statusCode(400).body("error.code", equalTo("INVALID_INPUT"))
                .body("error.details.field", equalTo("format.delimiter"));
        post("{" + source("/orders.csv", "") + ",\"format\":{\"type\":\"csv\",\"colum\":1}}")
                .statusCode(400).body("error.details.field", equalTo("format.colum"));
        post("{\"values\":[1],\"format\":{\"type\":\"lines\"}}")
                .statusCode(400).body("error.details.field", equalTo("format"));
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
