package dev.cumulus.aggregate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.cumulus.aggregate.testing.SumChunkProcessResource;
import dev.cumulus.aggregate.testing.SumChunkProcessResource.SumChunkProcess;
import dev.cumulus.core.testing.RangeFileServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Two real processes: the packaged aggregate calling the packaged sum-chunk over HTTP. */
@QuarkusIntegrationTest
@WithTestResource(SumChunkProcessResource.class)
class AggregateFunctionIT {

    /** 1000 lines "1\n" to "1000\n", sum 500500, with a bad line in the middle of the second copy. */
    static final String THOUSAND = IntStream.rangeClosed(1, 1000).mapToObj(i -> i + "\n").collect(Collectors.joining());

    SumChunkProcess sumChunk;
    static RangeFileServer files;

    @BeforeAll
    static void startSourceServer() throws IOException {
        files = RangeFileServer.start()
                .put("/thousand.txt", THOUSAND.getBytes(StandardCharsets.US_ASCII))
                .put("/one-bad-line.txt", THOUSAND.replace("\n500\n", "\nfive hundred\n")
                        .getBytes(StandardCharsets.US_ASCII));
    }

    @AfterAll
    static void stopSourceServer() {
        files.close();
    }

    static ValidatableResponse post(String json, String requestId) {
        return given().contentType(ContentType.JSON).header("X-Request-Id", requestId).body(json)
                .when().post("/aggregate").then();
    }

    @Test
    void inlineValues_summedBySumChunk() {
        String values = IntStream.rangeClosed(1, 1000).mapToObj(Integer::toString).collect(Collectors.joining(","));

        post("{\"values\":[" + values + ",\"0.5\"],\"chunkSize\":64}", "it-inline")
                .statusCode(200)
                .body("status", equalTo("SUCCEEDED"))
                .body("count", equalTo(1001))
                .body("sum", equalTo("500500.5"))
                .body("chunks.total", equalTo(16));
    }

    @Test
    void sourceInRangesSplitMidLine_eachLineOnce_requestIdLoggedBySumChunk() throws IOException {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        int chunks = given().contentType(ContentType.JSON).header("X-Request-Id", "it-trace-7")
                .header("traceparent", "00-" + traceId + "-b7ad6b7169203331-01")
                .body("{\"source\":{\"url\":\"" + files.url("/thousand.txt")
                        + "\"},\"chunkBytes\":100,\"maxConcurrency\":4}")
                .when().post("/aggregate").then()
                .statusCode(200)
                .body("jobId", equalTo("it-trace-7"))
                .body("status", equalTo("SUCCEEDED"))
                .body("count", equalTo(1000))
                .body("sum", equalTo("500500"))
                .body("min", equalTo("1"))
                .body("max", equalTo("1000"))
                .extract().path("chunks.total");

        // sum-chunk logged each call in one JSON line, with the correlation id and the caller's trace (passed on by
        // aggregate with each call), and each answered call with what it summed. A call the caller gave up on (a
        // timeout of a cold first read, a hedge's loser) has its line too, without an answer
        List<JsonNode> calls = awaitSumChunkLines("it-trace-7", chunks);
        assertThat(calls).allSatisfy(line -> {
            assertThat(line.path("message").asText()).isEqualTo("request");
            assertThat(line.path("path").asText()).isEqualTo("/sum-chunk");
            assertThat(line.path("traceId").asText()).isEqualTo(traceId);
            assertThat(line.path("durationMs").isNumber()).isTrue();
        });
        List<JsonNode> answered = calls.stream().filter(line -> line.has("index")).toList();
        assertThat(answered).allSatisfy(line -> {
            assertThat(line.path("status").asInt()).isEqualTo(200);
            assertThat(line.path("jobId").asText()).isEqualTo("it-trace-7");
            assertThat(line.path("input").asText()).isEqualTo("source");
        });
        assertThat(calls.stream().filter(line -> !line.has("index")))
                .allSatisfy(line -> assertThat(line.path("callerGone").asBoolean()).isTrue());
        Map<Integer, Long> countByIndex = answered.stream().collect(Collectors.toMap(
                line -> line.path("index").asInt(), line -> line.path("count").asLong(), (a, b) -> a));
        assertThat(countByIndex).hasSize(chunks);
        assertThat(countByIndex.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1000);
    }

    /** sum-chunk's request lines of one request id, once they name {@code expected} chunks (its writer is async). */
    private List<JsonNode> awaitSumChunkLines(String requestId, int expected) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            List<JsonNode> lines = sumChunk.jsonLines().stream()
                    .filter(line -> requestId.equals(line.path("requestId").asText())).toList();
            if (lines.stream().filter(line -> line.has("index")).map(line -> line.path("index").asInt()).distinct()
                    .count() >= expected
                    || System.nanoTime() > deadline) {
                return lines;
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    @Test
    void badLine_chunkRefused_partialWithItsByteRange() {
        // "five hundred" starts at byte 1888 (lines "1\n".."9\n" are 18 bytes, "10\n".."99\n" 270, "100\n".."499\n"
        // 1600): the chunk of 100 bytes that owns it is chunk 18, bytes 1800 to 1899
        post("{\"source\":{\"url\":\"" + files.url("/one-bad-line.txt") + "\"},\"chunkBytes\":100,"
                + "\"toleratedFailures\":1}", "it-bad")
                .statusCode(200)
                .body("status", equalTo("PARTIAL"))
                .body("failed", hasSize(1))
                .body("failed[0].index", equalTo(18))
                .body("failed[0].offset", equalTo(1800))
                .body("failed[0].length", equalTo(100))
                .body("failed[0].error.code", equalTo("INVALID_NUMBER"));
    }

    @Test
    void badLineNotTolerated_422NamingTheChunk() {
        given().contentType(ContentType.JSON)
                .body("{\"source\":{\"url\":\"" + files.url("/one-bad-line.txt") + "\"},\"chunkBytes\":100}")
                .when().post("/aggregate")
                .then().statusCode(422)
                .body("error.code", equalTo("INVALID_NUMBER"))
                .body("error.details.failed[0].index", equalTo(18));
    }
}
