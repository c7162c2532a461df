package dev.cumulus.aggregate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.cumulus.aggregate.testing.HostileSetupResource;
import dev.cumulus.aggregate.testing.HostileSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * {@code aggregate} as an attacker would use it, over real HTTP against a real {@code sum-chunk} process, with the
 * production bounds on chunks: it must not amplify requests to a source, a bad source must not open the breaker on
 * other callers, and bad data is the caller's error (422), not a server failure.
 */
@QuarkusTest
@WithTestResource(HostileSetupResource.class)
class HostileAggregateTest {

    /** 1000 lines "1\n" to "1000\n": 3,893 bytes, sum 500500. */
    static final byte[] THOUSAND = IntStream.rangeClosed(1, 1000).mapToObj(i -> i + "\n")
            .collect(Collectors.joining()).getBytes(StandardCharsets.US_ASCII);

    static HostileSource source;

    @BeforeAll
    static void startSource() throws IOException {
        source = HostileSource.start()
                .serve("/thousand.txt", THOUSAND)
                // 10^14 bytes claimed: at the largest chunk (1 GiB), 93,133 chunks
                .claimAndFail("/huge.txt", 100_000_000_000_000L, 500)
                // ten chunks of the smallest size claimed, and every read fails
                .claimAndFail("/broken.txt", 10 * 65_536L, 500);
    }

    @AfterAll
    static void stopSource() {
        source.close();
    }

    @BeforeEach
    void forgetRequests() {
        source.reset();
    }

    static ValidatableResponse post(String json) {
        return given().contentType(ContentType.JSON).body(json).when().post("/aggregate").then();
    }

    @Test
    void tinyChunksOfASource_400BeforeTheSourceIsAsked() {
        // when: one byte per chunk, as many calls in flight as allowed
        post("{\"source\":{\"url\":\"" + source.url("/thousand.txt") + "\"},\"chunkBytes\":1,\"maxConcurrency\":256}")
                // then
                .statusCode(400)
                .body("error.code", equalTo("INVALID_INPUT"))
                .body("error.details.field", equalTo("chunkBytes"))
                .body("error.message", containsString("65536"));
        assertThat(source.requests()).isEmpty();
    }

    @Test
    void smallestChunksOfASmallSource_oneReadOfTheSource() {
        // when
        post("{\"source\":{\"url\":\"" + source.url("/thousand.txt") + "\"},\"chunkBytes\":65536,"
                + "\"maxConcurrency\":256}")
                // then: its size, then one range read for its one chunk
                .statusCode(200)
                .body("sum", equalTo("500500"))
                .body("chunks.total", equalTo(1));
        assertThat(source.requests()).containsExactly("HEAD /thousand.txt", "GET /thousand.txt");
    }

    @Test
    void sourceClaimingHundredTerabytes_400AfterOnlyItsHead() {
        // when: the largest chunks sum-chunk accepts, every failure tolerated
        post("{\"source\":{\"url\":\"" + source.url("/huge.txt") + "\"},\"chunkBytes\":1073741824,"
                + "\"toleratedFailures\":100000}")
                // then
                .statusCode(400)
                .body("error.code", equalTo("INVALID_INPUT"))
                .body("error.details.field", equalTo("chunkBytes"))
                .body("error.message", containsString("at most 10000"));
        assertThat(source.requests()).containsExactly("HEAD /huge.txt");
    }

    @Test
    void failingSource_callsCappedByTheJobsBudget() {
        // when: ten chunks, every read fails, every failure tolerated
        post("{\"source\":{\"url\":\"" + source.url("/broken.txt") + "\"},\"chunkBytes\":65536,"
                + "\"toleratedFailures\":10}")
                // then: a partial answer of nothing, each chunk failed for its source
                .statusCode(200)
                .body("status", equalTo("PARTIAL"))
                .body("count", equalTo(0))
                .body("failed", hasSize(10))
                .body("failed.error.code", everyItem(equalTo("SOURCE_UNAVAILABLE")));
        // one read per chunk and 10 retries in all (the budget: half the chunks, at least 10), where retrying every
        // chunk 3 times would have made 40
        assertThat(source.count("HEAD", "/broken.txt")).isEqualTo(1);
        assertThat(source.count("GET", "/broken.txt")).isEqualTo(20);
    }

    @Test
    void failingSourceOfOneCaller_otherCallersJobsSucceed() {
        // given: jobs over a source whose reads all fail, 4 calls each (a call and 3 retries); the breaker would
        // open after 4 failed calls of sum-chunk
        for (int i = 0; i < 3; i++) {
            post("{\"source\":{\"url\":\"" + source.url("/broken.txt") + "\"},\"chunkBytes\":655360}")
                    .statusCode(502)
                    .body("error.code", equalTo("DOWNSTREAM_FAILED"))
                    .body("error.details.failed[0].error.code", equalTo("SOURCE_UNAVAILABLE"));
        }
        assertThat(source.count("GET", "/broken.txt")).isEqualTo(12);

        // when / then: other callers' jobs
        for (int i = 0; i < 3; i++) {
            post("{\"values\":[1,2,3]}")
                    .statusCode(200)
                    .body("status", equalTo("SUCCEEDED"))
                    .body("sum", equalTo("6"));
        }
    }

    @Test
    void badNumberNotTolerated_422ListingTheChunk() {
        // when
        post("{\"jobId\":\"bad-1\",\"values\":[1,\"x\",3],\"chunkSize\":1}")
                // then: the caller's data, which no retry will mend
                .statusCode(422)
                .body("error.code", equalTo("INVALID_NUMBER"))
                .body("error.details.jobId", equalTo("bad-1"))
                .body("error.details.failed", hasSize(1))
                .body("error.details.failed[0].index", equalTo(1))
                .body("error.details.failed[0].error.code", equalTo("INVALID_NUMBER"));
    }

    @Test
    void badLineOfASourceNotTolerated_422() {
        // given: a source of 2,000 lines with one bad line, in chunks of the smallest size
        source.serve("/one-bad-line.txt", (new String(THOUSAND, StandardCharsets.US_ASCII)
                + new String(THOUSAND, StandardCharsets.US_ASCII).replace("\n500\n", "\nfive hundred\n"))
                .getBytes(StandardCharsets.US_ASCII));

        // when
        post("{\"source\":{\"url\":\"" + source.url("/one-bad-line.txt") + "\"},\"chunkBytes\":65536}")
                // then
                .statusCode(422)
                .body("error.code", equalTo("INVALID_NUMBER"))
                .body("error.details.failed[0].index", equalTo(0))
                .body("error.details.failed[0].error.code", equalTo("INVALID_NUMBER"));
    }

    @Test
    void manyValuesInTinyChunks_400NamingTheMinimum() {
        // given: 1,000 values, more than the 100 below which a job may be cut as finely as asked
        String values = IntStream.rangeClosed(1, 1000).mapToObj(Integer::toString).collect(Collectors.joining(","));

        // when
        post("{\"values\":[" + values + "],\"chunkSize\":1,\"maxConcurrency\":256}")
                // then
                .statusCode(400)
                .body("error.code", equalTo("INVALID_INPUT"))
                .body("error.details.field", equalTo("chunkSize"))
                .body("error.message", containsString("between 100 and 100000"));
    }
}
