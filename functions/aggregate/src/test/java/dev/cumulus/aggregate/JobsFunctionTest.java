package dev.cumulus.aggregate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.cumulus.aggregate.testing.FakeSumChunk;
import dev.cumulus.aggregate.testing.FakeSumChunkResource;
import dev.cumulus.core.testing.RangeFileServer;
import dev.cumulus.store.testing.PostgresSchemaResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * Submitted jobs over HTTP, kept in a PostgreSQL schema of their own, calling a stand-in sum-chunk that sums for real
 * and fails or lags on cue: 202 at once, status until the end, the same job for the same request, a conflict for
 * another, cancel, redrive of the failed chunk alone, and the same actions through the function itself.
 */
@QuarkusTest
@WithTestResource(FakeSumChunkResource.class)
@WithTestResource(PostgresSchemaResource.class)
class JobsFunctionTest {

    static final Duration WITHIN = Duration.ofSeconds(30);
    static final List<String> FINAL = List.of("SUCCEEDED", "PARTIAL", "FAILED", "CANCELLED");
    /** 1 to 100, then 0.25 and -3: 102 values, sum 5047.25. */
    static final String VALUES = IntStream.rangeClosed(1, 100).mapToObj(Integer::toString)
            .collect(Collectors.joining(",")) + ",\"0.25\",-3";

    FakeSumChunk fake;

    @BeforeEach
    void resetFake() {
        fake.reset();
    }

    static ValidatableResponse submit(String json) {
        return given().contentType(ContentType.JSON).body(json).when().post("/jobs").then();
    }

    static JsonPath status(String jobId) {
        return given().when().get("/jobs/" + jobId).then().statusCode(200).extract().jsonPath();
    }

    /** Asks until the job has ended; fails past {@link #WITHIN}. */
    static JsonPath awaitEnd(String jobId) {
        long until = System.nanoTime() + WITHIN.toNanos();
        while (System.nanoTime() < until) {
            JsonPath s = status(jobId);
            if (FINAL.contains(s.getString("state"))) {
                return s;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // the next poll
        }
        throw new AssertionError("job " + jobId + " did not end within " + WITHIN);
    }

    @Test
    void severalSources_redriveOfOneObjectsChunk_eachObjectsResult() throws java.io.IOException {
        try (RangeFileServer files = RangeFileServer.start().put("/a.txt", "10\n20\n30\n".getBytes())
                .put("/b.txt", "1\n2\n".getBytes())) {
            // given: the one chunk of b.txt fails for good in the first run
            fake.failTimes(2, Integer.MAX_VALUE, 500);
            String request = "{\"jobId\":\"objects\",\"sources\":[{\"url\":\"" + files.url("/a.txt")
                    + "\"},{\"url\":\"" + files.url("/b.txt") + "\"}],\"chunkBytes\":5,\"toleratedFailures\":1}";
            submit(request).statusCode(202);
            JsonPath partial = awaitEnd("objects");
            assertThat(partial.getString("state")).isEqualTo("PARTIAL");
            assertThat(partial.getString("failed[0].object")).isEqualTo(files.url("/b.txt"));
            assertThat(partial.getInt("objects[1].failed")).isEqualTo(1);
            assertThat(partial.getString("objects[0].sum")).isEqualTo("60");

            // when
            fake.reset();
            given().when().post("/jobs/objects/redrive").then().statusCode(202);
            JsonPath end = awaitEnd("objects");

            // then: only b.txt's chunk ran again
            assertThat(end.getString("state")).isEqualTo("SUCCEEDED");
            assertThat(end.getString("result.sum")).isEqualTo("63");
            assertThat(end.getString("objects[1].sum")).isEqualTo("3");
            assertThat(end.getInt("objects[1].failed")).isZero();
            assertThat(end.getString("progress.unit")).isEqualTo("bytes");
            assertThat(end.getLong("progress.total")).isEqualTo(9 + 4);
            assertThat(fake.totalCalls()).isEqualTo(1);
        }
    }

    @Test
    void submittedJsonlJob_skippedRecordsKeptInTheLedger() throws java.io.IOException {
        try (RangeFileServer files = RangeFileServer.start().put("/o.jsonl",
                "{\"a\":{\"b\":1}}\n{\"a\":null}\n{\"a\":{\"b\":\"2.5\"}}\n{}\n".getBytes())) {
            submit("{\"jobId\":\"jsonl\",\"source\":{\"url\":\"" + files.url("/o.jsonl") + "\"},\"chunkBytes\":12,"
                    + "\"format\":{\"type\":\"jsonl\",\"field\":\"a.b\",\"missing\":\"skip\"}}").statusCode(202);

            JsonPath end = awaitEnd("jsonl");

            assertThat(end.getString("state")).isEqualTo("SUCCEEDED");
            assertThat(end.getString("result.sum")).isEqualTo("3.5");
            assertThat(end.getLong("result.count")).isEqualTo(2);
            assertThat(end.getLong("result.skipped")).isEqualTo(2);
        }
    }

    @Test
    void submitted_answered202AtOnce_thenSucceedsWithTheExactSum() {
        // when
        submit("{\"jobId\":\"sum-1\",\"values\":[" + VALUES + "],\"chunkSize\":7}")
                .statusCode(202)
                .header("Location", "/jobs/sum-1")
                .body("jobId", equalTo("sum-1"))
                .body("state", equalTo("PENDING"))
                .body("chunks.total", equalTo(15))
                .body("statusUrl", equalTo("/jobs/sum-1"));

        // then
        JsonPath end = awaitEnd("sum-1");
        assertThat(end.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(end.getString("result.sum")).isEqualTo("5047.25");
        assertThat(end.getLong("result.count")).isEqualTo(102);
        assertThat(end.getString("result.min")).isEqualTo("-3");
        assertThat(end.getString("result.max")).isEqualTo("100");
        assertThat(end.getInt("chunks.succeeded")).isEqualTo(15);
        assertThat(end.getLong("progress.done")).isEqualTo(102);
        assertThat(end.getString("progress.unit")).isEqualTo("values");
        assertThat(end.getList("failed")).isEmpty();
        assertThat(fake.totalCalls()).isEqualTo(15);
    }

    @Test
    void sameIdSameRequest_theSameJob_noSecondRun_anotherRequest409() {
        // given
        String request = "{\"jobId\":\"twice\",\"values\":[1,2,3,4],\"chunkSize\":2}";
        submit(request).statusCode(202);
        awaitEnd("twice");

        // when
        submit(request).statusCode(202).body("state", equalTo("SUCCEEDED")).body("runs", equalTo(1));
        ValidatableResponse other = submit("{\"jobId\":\"twice\",\"values\":[1,2,3,5],\"chunkSize\":2}");

        // then
        other.statusCode(409).body("error.code", equalTo("JOB_CONFLICT")).body("error.message", notNullValue());
        assertThat(fake.totalCalls()).isEqualTo(2);
    }

    @Test
    void unknownJob_404WithTheSameAnswerAsAnyOther() {
        given().when().get("/jobs/never-submitted").then().statusCode(404)
                .body("error.code", equalTo("NOT_FOUND"));
        given().when().post("/jobs/never-submitted/cancel").then().statusCode(404)
                .body("error.code", equalTo("NOT_FOUND"));
    }

    @Test
    void cancelled_noMoreCalls_cancelledWithTheRestListed() {
        // given: 50 chunks, one at a time, each call 100 ms
        fake.delayEveryCall(100);
        submit("{\"jobId\":\"stop-me\",\"values\":[" + VALUES + "],\"chunkSize\":2,\"maxConcurrency\":1}")
                .statusCode(202);

        // when
        given().when().post("/jobs/stop-me/cancel").then().statusCode(200).body("jobId", equalTo("stop-me"));

        // then
        JsonPath end = awaitEnd("stop-me");
        int calls = fake.totalCalls();
        assertThat(end.getString("state")).isEqualTo("CANCELLED");
        assertThat(calls).isLessThan(51);
        assertThat(end.getList("failed")).hasSize(51 - end.getInt("chunks.succeeded"));
        assertThat(awaitEnd("stop-me").getString("state")).isEqualTo("CANCELLED");
        assertThat(fake.totalCalls()).isEqualTo(calls);
    }

    @Test
    void partialThenRedrive_onlyTheFailedChunkRunsAgain_exactSum() {
        // given: chunk 2 is refused once (422), one failure is tolerated
        fake.failTimes(2, 1, 422);
        submit("{\"jobId\":\"fix-me\",\"values\":[" + VALUES + "],\"chunkSize\":10,\"toleratedFailures\":1}")
                .statusCode(202);
        JsonPath partial = awaitEnd("fix-me");
        assertThat(partial.getString("state")).isEqualTo("PARTIAL");
        assertThat(partial.getList("failed.index", Integer.class)).containsExactly(2);
        assertThat(partial.getString("result.sum")).isEqualTo("4792.25"); // 5047.25 less 21 + ... + 30 (255)

        // when
        given().when().post("/jobs/fix-me/redrive").then().statusCode(202).header("Location", "/jobs/fix-me")
                .body("runs", equalTo(2));

        // then
        JsonPath end = awaitEnd("fix-me");
        assertThat(end.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(end.getString("result.sum")).isEqualTo("5047.25");
        assertThat(end.getInt("runs")).isEqualTo(2);
        assertThat(fake.calls(2)).isEqualTo(2);
        assertThat(fake.totalCalls()).isEqualTo(11 + 1);
    }

    @Test
    void redriveOfASucceededJob_409() {
        submit("{\"jobId\":\"done\",\"values\":[1,2],\"chunkSize\":1}").statusCode(202);
        awaitEnd("done");

        given().when().post("/jobs/done/redrive").then().statusCode(409).body("error.code", equalTo("JOB_CONFLICT"));
    }

    @Test
    void submittedWithATraceparent_everyChunkCallOfItsRunSendsTheCallersTrace() {
        // given: the caller's trace context (tracing records nothing in tests, so the context passes on unchanged)
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        // when
        given().contentType(ContentType.JSON).header("traceparent", traceparent).header("tracestate",
                "congo=t61rcWkgMzE").body("{\"jobId\":\"traced-1\",\"values\":[1,2,3,4,5,6],\"chunkSize\":2}")
                .when().post("/jobs").then().statusCode(202);
        JsonPath end = awaitEnd("traced-1");

        // then: the run, on another thread after the answer, continued the trace kept with the job
        assertThat(end.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(fake.traceparents()).hasSize(3).containsOnly(traceparent);
        assertThat(fake.tracestates()).hasSize(3).containsOnly("congo=t61rcWkgMzE");
    }

    @Test
    void submittedAsABinaryCloudEventWithATrace_everyChunkCallSendsIt() {
        // given: the CloudEvents distributed-tracing extension's attribute
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

        // when
        given().contentType(ContentType.JSON).header("ce-id", "event-1").header("ce-specversion", "1.0")
                .header("ce-type", "dev.cumulus.aggregate").header("ce-source", "test")
                .header("ce-traceparent", traceparent)
                .body("{\"action\":\"submit\",\"jobId\":\"traced-ce\",\"values\":[1,2,3,4],\"chunkSize\":2}")
                .when().post("/").then().statusCode(200).body("state", equalTo("PENDING"));
        awaitEnd("traced-ce");

        // then
        assertThat(fake.traceparents()).hasSize(2).containsOnly(traceparent);
        assertThat(fake.tracestates()).containsOnly("null");
    }

    @Test
    void submittedWithoutATrace_chunkCallsSendNone() {
        // when
        submit("{\"jobId\":\"untraced\",\"values\":[1,2,3,4],\"chunkSize\":2}").statusCode(202);
        awaitEnd("untraced");

        // then
        assertThat(fake.traceparents()).hasSize(2).containsOnly("null");
    }

    @Test
    void actionsThroughTheFunction_sameAnswers() {
        // given
        given().contentType(ContentType.JSON).body("{\"action\":\"submit\",\"jobId\":\"fn-1\",\"values\":[1,2,3]}")
                .when().post("/aggregate").then().statusCode(200).body("jobId", equalTo("fn-1"))
                .body("state", equalTo("PENDING"));
        awaitEnd("fn-1");

        // when / then
        given().contentType(ContentType.JSON).body("{\"action\":\"status\",\"jobId\":\"fn-1\"}")
                .when().post("/aggregate").then().statusCode(200).body("state", equalTo("SUCCEEDED"))
                .body("result.sum", equalTo("6"));
        given().contentType(ContentType.JSON).body("{\"action\":\"status\",\"jobId\":\"fn-1\",\"owner\":\"eve\"}")
                .when().post("/aggregate").then().statusCode(400).body("error.code", equalTo("INVALID_INPUT"));
        given().contentType(ContentType.JSON).body("{\"action\":\"explode\",\"jobId\":\"fn-1\"}")
                .when().post("/aggregate").then().statusCode(400).body("error.code", equalTo("INVALID_INPUT"));
    }
}
