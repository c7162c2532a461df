package dev.cumulus.aggregate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.cumulus.aggregate.testing.FakeSumChunk;
import dev.cumulus.aggregate.testing.FakeSumChunkResource;
import dev.cumulus.core.testing.RangeFileServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** {@code aggregate} over HTTP, calling a stand-in sum-chunk that computes real sums and fails on cue. */
@QuarkusTest
@WithTestResource(FakeSumChunkResource.class)
class AggregateFunctionTest {

    /** 1 to 100; their sum is 5050. */
    static final String HUNDRED = IntStream.rangeClosed(1, 100).mapToObj(Integer::toString)
            .collect(Collectors.joining(","));
    /** Seven lines of 3 bytes ("10\n" ... "70\n"): 21 bytes, sum 280. */
    static final byte[] SEVEN_LINES = IntStream.rangeClosed(1, 7).mapToObj(i -> i * 10 + "\n")
            .collect(Collectors.joining()).getBytes(StandardCharsets.US_ASCII);

    FakeSumChunk fake;
    static RangeFileServer files;

    @BeforeAll
    static void startSourceServer() throws IOException {
        files = RangeFileServer.start().put("/seven.txt", SEVEN_LINES).put("/three.txt",
                "1\n2\n3\n".getBytes(StandardCharsets.US_ASCII)).put("/empty.txt", new byte[0])
                .put("/orders.csv", ("id;customer;amount\n1;\"Smith; Jane\";10.5\n2;Bob;\n3;\"Ann \"\"A\"\"\";-0.5\n")
                        .getBytes(StandardCharsets.UTF_8))
                .put("/orders.jsonl", "{\"order\":{\"total\":1}}\n{\"order\":{}}\n{\"order\":{\"total\":\"2.25\"}}\n"
                        .getBytes(StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stopSourceServer() {
        files.close();
    }

    @BeforeEach
    void resetFake() {
        fake.reset();
    }

    static ValidatableResponse post(String json) {
        return given().contentType(ContentType.JSON).body(json).when().post("/aggregate").then();
    }

    static ValidatableResponse error(ValidatableResponse response, int status, String code) {
        return response.statusCode(status).contentType(ContentType.JSON).body("error.code", equalTo(code))
                .body("error.message", notNullValue());
    }

    // --- answers ---

    @Test
    void inlineValues_exactSumOverChunks() {
        post("{\"jobId\":\"job-1\",\"values\":[" + HUNDRED + ",\"0.25\",-3],\"chunkSize\":7}")
                .statusCode(200)
                .body("jobId", equalTo("job-1"))
                .body("status", equalTo("SUCCEEDED"))
                .body("count", equalTo(102))
                .body("sum", equalTo("5047.25"))
                .body("min", equalTo("-3"))
                .body("max", equalTo("100"))
                .body("chunks.total", equalTo(15))
                .body("chunks.succeeded", equalTo(15))
                .body("chunks.failed", equalTo(0))
                .body("failed", hasSize(0))
                .body("durationMs", greaterThanOrEqualTo(0));
        assertThat(fake.totalCalls()).isEqualTo(15);
    }

    @Test
    void noValues_countZeroWithoutAnyCall() {
        post("{\"values\":[]}")
                .statusCode(200)
                .body("status", equalTo("SUCCEEDED"))
                .body("count", equalTo(0))
                .body("sum", equalTo("0"))
                .body("min", nullValue())
                .body("chunks.total", equalTo(0));
        assertThat(fake.totalCalls()).isZero();
    }

    @Test
    void transientFailures_retried_sumStillExact() {
        fake.failTimes(1, 2, 503);

        post("{\"values\":[" + HUNDRED + "],\"chunkSize\":10}")
                .statusCode(200)
                .body("status", equalTo("SUCCEEDED"))
                .body("sum", equalTo("5050"))
                .body("chunks.retries", equalTo(2));
        assertThat(fake.calls(1)).isEqualTo(3);
    }

    @Test
    void sourceObject_summedOverByteRanges() {
        post("{\"source\":{\"url\":\"" + files.url("/seven.txt") + "\"},\"chunkBytes\":4}")
                .statusCode(200)
                .body("status", equalTo("SUCCEEDED"))
                .body("count", equalTo(7))
                .body("sum", equalTo("280"))
                .body("chunks.total", equalTo(6));
    }

    @Test
    void severalSources_totalAndEachObjectsResult() {
        String sources = "[{\"url\":\"" + files.url("/seven.txt") + "\"},{\"url\":\"" + files.url("/empty.txt")
                + "\"},{\"url\":\"" + files.url("/three.txt") + "\"}]";

        post("{\"sources\":" + sources + ",\"chunkBytes\":8}")
                .statusCode(200)
                .body("status", equalTo("SUCCEEDED"))
                .body("count", equalTo(10))
                .body("sum", equalTo("286"))
                .body("chunks.total", equalTo(3 + 0 + 1))
                .body("objects", hasSize(3))
                .body("objects[0].url", equalTo(files.url("/seven.txt")))
                .body("objects[0].size", equalTo(21))
                .body("objects[0].split", equalTo("ranges"))
                .body("objects[0].chunks", equalTo(3))
                .body("objects[0].succeeded", equalTo(3))
                .body("objects[0].failed", equalTo(0))
                .body("objects[0].count", equalTo(7))
                .body("objects[0].sum", equalTo("280"))
                .body("objects[1].chunks", equalTo(0))
                .body("objects[1].sum", equalTo("0"))
                .body("objects[2].sum", equalTo("6"))
                .body("objects[2].min", equalTo("1"))
                .body("objects[2].max", equalTo("3"));
    }

    @Test
    void failedChunkOfSeveralSources_namesItsObjectAndRange() {
        fake.failTimes(3, Integer.MAX_VALUE, 500);
        String sources = "[{\"url\":\"" + files.url("/seven.txt") + "\"},{\"url\":\"" + files.url("/three.txt")
                + "\"}]";

        post("{\"sources\":" + sources + ",\"chunkBytes\":8,\"toleratedFailures\":1}")
                .statusCode(200)
                .body("status", equalTo("PARTIAL"))
                .body("sum", equalTo("280"))
                .body("failed[0].index", equalTo(3))
                .body("failed[0].object", equalTo(files.url("/three.txt")))
                .body("failed[0].offset", equalTo(0))
                .body("failed[0].length", equalTo(6))
                .body("objects[1].succeeded", equalTo(0))
                .body("objects[1].failed", equalTo(1))
                .body("objects[1].count", equalTo(0));
    }

    @Test
    void csvColumnByName_overSeveralChunks_missingSkippedAndCounted() {
        post("{\"source\":{\"url\":\"" + files.url("/orders.csv") + "\"},\"chunkBytes\":9,"
                + "\"format\":{\"type\":\"csv\",\"column\":\"amount\",\"header\":true,\"delimiter\":\";\","
                + "\"missing\":\"skip\"}}")
                .statusCode(200)
                .body("status", equalTo("SUCCEEDED"))
                .body("count", equalTo(2))
                .body("sum", equalTo("10.0"))
                .body("skipped", equalTo(1))
                .body("min", equalTo("-0.5"))
                .body("max", equalTo("10.5"));
        assertThat(fake.totalCalls()).isGreaterThan(1);
    }

    @Test
    void jsonlFieldOverSeveralSources_eachObjectsSkippedToo() {
        String sources = "[{\"url\":\"" + files.url("/orders.jsonl") + "\"},{\"url\":\"" + files.url("/orders.jsonl")
                + "\"}]";

        post("{\"sources\":" + sources + ",\"chunkBytes\":16,\"format\":{\"type\":\"jsonl\",\"field\":"
                + "\"order.total\",\"missing\":\"skip\"}}")
                .statusCode(200)
                .body("count", equalTo(4))
                .body("sum", equalTo("6.50"))
                .body("skipped", equalTo(2))
                .body("objects[0].skipped", equalTo(1))
                .body("objects[1].sum", equalTo("3.25"));
    }

    @Test
    void missingValueRefusedByDefault_422NamingObjectAndRecord() {
        error(post("{\"source\":{\"url\":\"" + files.url("/orders.jsonl") + "\"},\"chunkBytes\":1000000,"
                + "\"format\":{\"type\":\"jsonl\",\"field\":\"order.total\"}}"), 422, "INVALID_RECORD")
                .body("error.details.failed[0].error.message", containsString("orders.jsonl"));
    }

    @Test
    void badFormat_orAFormatForValues_400BeforeAnyCall() {
        error(post("{\"source\":{\"url\":\"" + files.url("/orders.csv") + "\"},\"format\":{\"type\":\"csv\"}}"),
                400, "INVALID_INPUT").body("error.details.field", equalTo("format.column"));
        error(post("{\"values\":[1],\"format\":{\"type\":\"lines\"}}"), 400, "INVALID_INPUT")
                .body("error.details.field", equalTo("format"));
        assertThat(fake.totalCalls()).isZero();
    }

    @Test
    void bothSourceAndSources_orAnEmptyList_400() {
        error(post("{\"source\":{\"url\":\"" + files.url("/seven.txt") + "\"},\"sources\":[]}"), 400,
                "INVALID_INPUT");
        error(post("{\"sources\":[]}"), 400, "INVALID_INPUT").body("error.details.field", equalTo("sources"));
        error(post("{\"sources\":[{}]}"), 400, "INVALID_INPUT")
                .body("error.details.field", equalTo("sources[0].url"));
        assertThat(fake.totalCalls()).isZero();
    }

    @Test
    void toleratedFailure_partialListingTheValuesToRerun() {
        fake.failTimes(2, Integer.MAX_VALUE, 422);

        post("{\"values\":[" + HUNDRED + "],\"chunkSize\":30,\"toleratedFailures\":1}")
                .statusCode(200)
                .body("status", equalTo("PARTIAL"))
                .body("count", equalTo(70))
                .body("sum", equalTo(Integer.toString(5050 - IntStream.rangeClosed(61, 90).sum())))
                .body("chunks.failed", equalTo(1))
                .body("failed", hasSize(1))
                .body("failed[0].index", equalTo(2))
                .body("failed[0].offset", equalTo(60))
                .body("failed[0].length", equalTo(30))
                .body("failed[0].error.code", equalTo("INVALID_NUMBER"));
        assertThat(fake.calls(2)).isEqualTo(1);
    }

    @Test
    void toleratedFailureOfASource_rangeInBytes() {
        fake.failTimes(1, Integer.MAX_VALUE, 500);

        post("{\"source\":{\"url\":\"" + files.url("/seven.txt") + "\"},\"chunkBytes\":8,\"toleratedFailures\":1}")
                .statusCode(200)
                .body("status", equalTo("PARTIAL"))
                .body("failed[0].index", equalTo(1))
                .body("failed[0].offset", equalTo(8))
                .body("failed[0].length", equalTo(8))
                .body("failed[0].error.code", equalTo("INTERNAL"));
    }

    @Test
    void moreFailuresThanTolerated_502ListingThem() {
        fake.failTimes(0, Integer.MAX_VALUE, 422).failTimes(3, Integer.MAX_VALUE, 500);

        error(post("{\"jobId\":\"job-2\",\"values\":[" + HUNDRED + "],\"chunkSize\":10,\"maxConcurrency\":1,"
                + "\"toleratedFailures\":1}"), 502, "DOWNSTREAM_FAILED")
                .body("error.message", containsString("more than the 1 tolerated"))
                .body("error.details.jobId", equalTo("job-2"))
                .body("error.details.failed", hasSize(2))
                .body("error.details.failed[0].index", equalTo(0))
                .body("error.details.failed[1].index", equalTo(3))
                .body("error.details.failed[1].offset", equalTo(30))
                .body("error.details.failed[0].error.code", equalTo("INVALID_NUMBER"))
                .body("error.details.failed[1].error.code", equalTo("INTERNAL"));
        // one call at a time, and the job ends at the second failure (chunk 3 after its 3 retries): the chunks
        // after it are never called
        assertThat(fake.totalCalls()).isEqualTo(7);
    }

    @Test
    void moreBadNumbersThanTolerated_422ListingThem() {
        fake.failTimes(0, Integer.MAX_VALUE, 422).failTimes(3, Integer.MAX_VALUE, 422);

        error(post("{\"jobId\":\"job-3\",\"values\":[" + HUNDRED + "],\"chunkSize\":10,\"maxConcurrency\":1,"
                + "\"toleratedFailures\":1}"), 422, "INVALID_NUMBER")
                .body("error.message", containsString("more than the 1 tolerated"))
                .body("error.details.jobId", equalTo("job-3"))
                .body("error.details.failed", hasSize(2))
                .body("error.details.failed[1].index", equalTo(3))
                .body("error.details.failed[1].error.code", equalTo("INVALID_NUMBER"));
        assertThat(fake.totalCalls()).isEqualTo(4);
    }

    @Test
    void deadlinePassed_504ListingTheUnfinishedChunks() {
        fake.hang(0, Integer.MAX_VALUE);

        error(post("{\"values\":[" + HUNDRED + "],\"chunkSize\":50,\"timeoutMs\":500}"), 504, "DEADLINE_EXCEEDED")
                .body("error.details.failed", hasSize(1))
                .body("error.details.failed[0].index", equalTo(0))
                .body("error.details.failed[0].length", equalTo(50))
                .body("error.details.failed[0].error.code", equalTo("DEADLINE_EXCEEDED"));
    }

    // --- correlation ---

    @Test
    void requestId_sentToEveryChunkCall_andUsedAsTheJobId() {
        given().contentType(ContentType.JSON).header("X-Request-Id", "trace-42")
                .body("{\"values\":[" + HUNDRED + "],\"chunkSize\":25}")
                .when().post("/aggregate")
                .then().statusCode(200)
                .header("X-Request-Id", "trace-42")
                .body("jobId", equalTo("trace-42"));
        assertThat(fake.requestIds()).hasSize(4).containsOnly("trace-42");
    }

    @Test
    void noIdAnywhere_jobIdMadeUp_andSentAlong() {
        String jobId = post("{\"values\":[1,2]}").statusCode(200).extract().path("jobId");

        assertThat(jobId).isNotBlank();
        assertThat(fake.requestIds()).hasSize(1);
    }

    @Test
    void cloudEvent_itsIdCorrelates_answeredAsACloudEvent() {
        given().contentType(ContentType.JSON)
                .header("ce-id", "evt-9")
                .header("ce-specversion", "1.0")
                .header("ce-type", "dev.cumulus.job.requested")
                .header("ce-source", "test")
                .body("{\"values\":[1,2,3.5]}")
                .when().post("/")
                .then().statusCode(200)
                .header("ce-type", "dev.cumulus.job.aggregated")
                .body("sum", equalTo("6.5"))
                .body("jobId", equalTo("evt-9"));
        assertThat(fake.requestIds()).containsOnly("evt-9");
    }

    // --- refused jobs ---

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"values\":[1],\"source\":{\"url\":\"http://x\"}}", "{\"values\":[1",
            "{\"values\":[1],\"chunkSize\":0}", "{\"values\":[1],\"chunkSize\":100001}",
            "{\"values\":[1],\"maxConcurrency\":0}", "{\"values\":[1],\"maxConcurrency\":100000}",
            "{\"values\":[1],\"timeoutMs\":0}", "{\"values\":[1],\"toleratedFailures\":-1}",
            "{\"values\":[1],\"jobId\":\"two words\"}", "{\"values\":[1],\"chunkBytes\":10}",
            "{\"source\":{\"url\":\"http://127.0.0.1/x\"},\"chunkSize\":10}", "{\"source\":{}}"})
    void invalidJob_400(String body) {
        error(post(body), 400, "INVALID_INPUT");
        assertThat(fake.totalCalls()).isZero();
    }

    @Test
    void tooManyChunks_400BeforeAnyCall() {
        // max-chunks is 1000 in tests: 1001 values in chunks of one are one too many
        String values = IntStream.range(0, 1001).mapToObj(i -> "1").collect(Collectors.joining(","));

        error(post("{\"values\":[" + values + "],\"chunkSize\":1}"), 400, "INVALID_INPUT")
                .body("error.details.field", equalTo("chunkSize"))
                .body("error.message", containsString("at most 1000"));
        assertThat(fake.totalCalls()).isZero();
    }

    @Test
    void internalSourceAddress_400() {
        error(post("{\"source\":{\"url\":\"http://169.254.169.254/latest/meta-data/\"}}"), 400, "INVALID_INPUT")
                .body("error.details.field", equalTo("source.url"));
    }

    @Test
    void missingSource_502() {
        error(post("{\"source\":{\"url\":\"" + files.url("/nothing.txt") + "\"}}"), 502, "SOURCE_UNAVAILABLE")
                .body("error.message", containsString("HTTP 404"));
    }

    @Test
    void probes_up() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
