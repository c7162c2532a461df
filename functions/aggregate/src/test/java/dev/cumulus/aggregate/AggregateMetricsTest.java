package dev.cumulus.aggregate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.cumulus.aggregate.testing.FakeSumChunk;
import dev.cumulus.aggregate.testing.FakeSumChunkResource;
import dev.cumulus.core.testing.PrometheusText;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The series {@code aggregate} shows at {@code /q/metrics} after a job. */
@QuarkusTest
@WithTestResource(FakeSumChunkResource.class)
class AggregateMetricsTest {

    static final String HUNDRED = IntStream.rangeClosed(1, 100).mapToObj(Integer::toString)
            .collect(Collectors.joining(","));

    FakeSumChunk fake;

    @BeforeEach
    void resetFake() {
        fake.reset();
    }

    static PrometheusText scrape() {
        return PrometheusText.of(given().when().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    @Test
    void jobWithTransientFailures_callsRetriesAndFinishedJobCounted() {
        // given: chunk 1 fails twice with a 503 before it answers
        fake.failTimes(1, 2, 503);
        PrometheusText before = scrape();

        // when: ten chunks
        given().contentType(ContentType.JSON).body("{\"values\":[" + HUNDRED + "],\"chunkSize\":10}").when()
                .post("/aggregate").then().statusCode(200).body("status", equalTo("SUCCEEDED"))
                .body("chunks.retries", equalTo(2));

        // then: 10 calls answered, 2 failed, 2 retries, one job succeeded and none left running
        PrometheusText after = scrape();
        assertThat(delta(before, after, "cumulus_aggregate_chunk_calls_seconds_count", "outcome=\"success\""))
                .isEqualTo(10);
        assertThat(delta(before, after, "cumulus_aggregate_chunk_calls_seconds_count", "outcome=\"failure\""))
                .isEqualTo(2);
        assertThat(after.value("cumulus_aggregate_chunk_calls_seconds_sum", "outcome=\"success\"")).isPositive();
        assertThat(delta(before, after, "cumulus_aggregate_chunk_retries_total")).isEqualTo(2);
        assertThat(delta(before, after, "cumulus_aggregate_jobs_finished_total", "state=\"SUCCEEDED\""))
                .isEqualTo(1);
        assertThat(after.series("cumulus_aggregate_jobs_running")).hasSize(1);
        assertThat(after.value("cumulus_aggregate_jobs_running")).isZero();
        assertThat(after.series("cumulus_aggregate_chunk_hedges_total")).hasSize(1);
        // two failures among many calls do not open the breaker
        assertThat(after.series("cumulus_aggregate_circuit_breaker_state")).hasSize(1);
        assertThat(after.value("cumulus_aggregate_circuit_breaker_state")).isZero();
    }

    @Test
    void jobRefusedForABadNumber_failedJobCounted() {
        // given
        PrometheusText before = scrape();

        // when: one chunk of two has a bad number, none tolerated
        given().contentType(ContentType.JSON).body("{\"values\":[1,2,\"x\",4],\"chunkSize\":2}").when()
                .post("/aggregate").then().statusCode(422);

        // then
        assertThat(delta(before, scrape(), "cumulus_aggregate_jobs_finished_total", "state=\"FAILED\""))
                .isEqualTo(1);
    }

    private static double delta(PrometheusText before, PrometheusText after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}
