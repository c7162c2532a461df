package dev.cumulus.sumchunk;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.Collections;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.cumulus.core.testing.RangeFileServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class SumChunkFunctionTest {

    static RangeFileServer files;

    @BeforeAll
    static void startSourceServer() throws IOException {
        files = RangeFileServer.start()
                .put("/mixed.txt", resource("mixed.txt"))
                .put("/bad-line.txt", resource("bad-line.txt"))
                .put("/no-ranges.txt", resource("mixed.txt")).ignoreRanges("/no-ranges.txt")
                .put("/broken.txt", new byte[0]).failWith("/broken.txt", 500)
                .put("/hangs.txt", resource("mixed.txt")).hang("/hangs.txt");
    }

    @AfterAll
    static void stopSourceServer() {
        files.close();
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = SumChunkFunctionTest.class.getResourceAsStream("/sources/" + name)) {
            return in.readAllBytes();
        }
    }

    static ValidatableResponse post(String json) {
        return given().contentType(ContentType.JSON).body(json).when().post("/sum-chunk").then();
    }

    static String source(String path, Long offset, Long length) {
        return "{\"source\":{\"url\":\"" + files.url(path) + "\"" + (offset == null ? "" : ",\"offset\":" + offset)
                + (length == null ? "" : ",\"length\":" + length) + "}}";
    }

    static ValidatableResponse error(ValidatableResponse response, int status, String code) {
        return response.statusCode(status).contentType(ContentType.JSON).body("error.code", equalTo(code))
                .body("error.message", notNullValue());
    }

    // --- inline values ---

    @Test
    void inlineValues_exactSumCountMinMax() {
        post("{\"jobId\":\"j1\",\"index\":4,\"values\":[1,\"2.5\",-3]}")
                .statusCode(200)
                .body("jobId", equalTo("j1"))
                .body("index", equalTo(4))
                .body("count", equalTo(3))
                .body("sum", equalTo("0.5"))
                .body("min", equalTo("-3"))
                .body("max", equalTo("2.5"));
    }

    @Test
    void inlineFractionsAndHugeNumbers_noDigitLost() {
        post("{\"values\":[0.1,0.2,\"123456789012345678901234567890\",1e2]}")
                .statusCode(200)
                .body("sum", equalTo("123456789012345678901234567990.3"))
                .body("max", equalTo("123456789012345678901234567890"));
    }

    @Test
    void noValues_countZeroAndNullMinMax() {
        post("{\"values\":[]}")
                .statusCode(200)
                .body("count", equalTo(0))
                .body("sum", equalTo("0"))
                .body("min", nullValue())
                .body("max", nullValue());
    }

    @Test
    void badInlineValue_422NamingPositionAndText() {
        error(post("{\"values\":[1,2,\"12x\"]}"), 422, "INVALID_NUMBER")
                .body("error.message", startsWith("values[2]"))
                .body("error.details.position", equalTo(2))
                .body("error.details.text", equalTo("12x"));
    }

    @Test
    void tooManyValues_413() {
        String values = String.join(",", Collections.nCopies(100_001, "1"));

        error(post("{\"values\":[" + values + "]}"), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void bodyLargerThanTheLimit_413() {
        String values = String.join(",", Collections.nCopies(500_000, "123456789"));

        error(post("{\"values\":[" + values + "]}"), 413, "PAYLOAD_TOO_LARGE");
    }

    // --- sources ---

    @Test
    void wholeSource_summedWithCrlfBlankLinesSignsAndNoFinalNewline() {
        post(source("/mixed.txt", null, null))
                .statusCode(200)
                .body("count", equalTo(7))
                .body("sum", equalTo("100000000000000000027.25"))
                .body("min", equalTo("-3"))
                .body("max", equalTo("99999999999999999999"));
    }

    @Test
    void twoRangesSplitMidLine_addUpToTheWhole() {
        // byte 9 falls inside the line "2.50" (bytes 7-10): the first range owns it, the second starts after it
        String first = post(source("/mixed.txt", 0L, 9L)).statusCode(200).extract().path("sum");
        String second = post(source("/mixed.txt", 9L, 1000L)).statusCode(200).extract().path("sum");

        org.assertj.core.api.Assertions.assertThat(new BigDecimal(first).add(new BigDecimal(second)))
                .isEqualByComparingTo("100000000000000000027.25");
        org.assertj.core.api.Assertions.assertThat(first).isEqualTo("9.50");
    }

    @Test
    void jobIdUnfitForAHeader_400NamingJobId() {
        error(post("{\"jobId\":\"line\\nbreak\",\"source\":{\"url\":\"" + files.url("/mixed.txt") + "\"}}"),
                400, "INVALID_INPUT")
                .body("error.details.field", equalTo("jobId"));
    }

    @Test
    void serverIgnoringRangesAtAnOffset_502() {
        error(post(source("/no-ranges.txt", 9L, 1000L)), 502, "SOURCE_UNAVAILABLE")
                .body("error.message", org.hamcrest.Matchers.containsString("ignored the Range header"));
    }

    @Test
    void rangePastTheEnd_countZero() {
        post(source("/mixed.txt", 10_000L, 10L)).statusCode(200).body("count", equalTo(0));
    }

    @Test
    void badSourceLine_422NamingLineAndOffset() {
        error(post(source("/bad-line.txt", null, null)), 422, "INVALID_NUMBER")
                .body("error.details.line", equalTo(3))
                .body("error.details.offset", equalTo(4))
                .body("error.details.text", equalTo("three"));
    }

    @Test
    void rangeLongerThanTheLimit_413() {
        error(post(source("/mixed.txt", 0L, 2L * 1024 * 1024 * 1024)), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void missingObject_502WithTheStatus() {
        error(post(source("/nothing-here.txt", null, null)), 502, "SOURCE_UNAVAILABLE")
                .body("error.message", org.hamcrest.Matchers.containsString("HTTP 404"));
    }

    @Test
    void failingSourceServer_502() {
        error(post(source("/broken.txt", null, null)), 502, "SOURCE_UNAVAILABLE");
    }

    @Test
    void nothingListening_502() {
        error(post("{\"source\":{\"url\":\"http://127.0.0.1:1/numbers.txt\"}}"), 502, "SOURCE_UNAVAILABLE");
    }

    @Test
    void sourceThatStopsSending_504() {
        error(post(source("/hangs.txt", null, null)), 504, "SOURCE_TIMEOUT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/numbers.txt",
            "http://192.168.0.1/n.txt", "http://[::1]:8080/n.txt", "http://0.0.0.0/n.txt", "http://[fd00:ec2::254]/"})
    void internalAddress_refusedBeforeAnyRequest(String url) {
        error(post("{\"source\":{\"url\":\"" + url + "\"}}"), 400, "INVALID_INPUT")
                .body("error.details.field", equalTo("source.url"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://example.com/n.txt", "not a url", ""})
    void refusedScheme_400(String url) {
        error(post("{\"source\":{\"url\":\"" + url + "\"}}"), 400, "INVALID_INPUT")
                .body("error.details.field", equalTo("source.url"));
    }

    @Test
    void negativeOffset_400NamingTheField() {
        error(post(source("/mixed.txt", -1L, null)), 400, "INVALID_INPUT")
                .body("error.details.field", equalTo("source.offset"));
    }

    // --- malformed requests ---

    @ParameterizedTest
    @ValueSource(strings = {"{\"values\":[1,2", "not json", "{\"values\":[1],\"source\":{\"url\":\"http://x\"}}",
            "{}", "{\"jobId\":\"j\"}", "{\"source\":{\"url\":\"http://x\",\"offset\":\"abc\"}}",
            "{\"values\":{\"a\":1}}", "{\"values\":[1],\"index\":-1}"})
    void malformedRequest_400(String body) {
        error(post(body), 400, "INVALID_INPUT");
    }

    @Test
    void emptyBody_400() {
        error(given().contentType(ContentType.JSON).when().post("/sum-chunk").then(), 400, "INVALID_INPUT");
    }

    @Test
    void notJson_415() {
        error(given().contentType(ContentType.TEXT).body("1\n2\n").when().post("/sum-chunk").then(), 415,
                "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void putInsteadOfPost_405() {
        error(given().contentType(ContentType.JSON).body("{\"values\":[1]}").when().put("/sum-chunk").then(), 405,
                "METHOD_NOT_ALLOWED");
    }

    @Test
    void unknownFunction_404() {
        error(given().contentType(ContentType.JSON).body("{}").when().post("/no-such-function").then(), 404,
                "NOT_FOUND");
    }

    // --- CloudEvents, probes, request ids ---

    @Test
    void cloudEventInBinaryMode_answeredAsACloudEvent() {
        given().contentType(ContentType.JSON)
                .header("ce-id", "evt-1")
                .header("ce-specversion", "1.0")
                .header("ce-type", "dev.cumulus.chunk.requested")
                .header("ce-source", "test")
                .body("{\"values\":[1,2,3.5]}")
                .when().post("/")
                .then()
                .statusCode(200)
                .header("ce-type", "dev.cumulus.chunk.summed")
                .header("ce-source", "sum-chunk")
                .header("ce-id", notNullValue())
                .body("sum", equalTo("6.5"));
    }

    @Test
    void cloudEventInStructuredMode_answeredInAnEnvelope() {
        given().contentType("application/cloudevents+json")
                .body("{\"specversion\":\"1.0\",\"id\":\"evt-2\",\"type\":\"dev.cumulus.chunk.requested\","
                        + "\"source\":\"test\",\"datacontenttype\":\"application/json\",\"data\":{\"values\":[2,\"3\"]}}")
                .when().post("/")
                .then()
                .statusCode(200)
                .body("type", equalTo("dev.cumulus.chunk.summed"))
                .body("data.sum", equalTo("5"));
    }

    @Test
    void requestId_echoedOrMadeUp() {
        given().contentType(ContentType.JSON).header("X-Request-Id", "abc-123").body("{\"values\":[1]}")
                .when().post("/sum-chunk").then().statusCode(200).header("X-Request-Id", "abc-123");
        given().contentType(ContentType.JSON).header("X-Request-Id", "bad\nid").body("{\"values\":[1]}")
                .when().post("/sum-chunk").then().statusCode(200).header("X-Request-Id", not(is("bad\nid")));
    }

    @Test
    void probes_up() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
