package dev.cumulus.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.cumulus.core.testing.HostileRequests;
import dev.cumulus.core.testing.RawHttp;
import dev.cumulus.aggregate.testing.FakeSumChunkResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Hostile requests drawn at random (with a fixed seed: the same ones every run) get 200 or a documented 4xx with the
 * JSON error body, never a 500, and the function still answers afterwards.
 * <p>
 * The values are numbers only, and {@code timeoutMs} is left out: aggregate passes values on to sum-chunk, and a
 * value sum-chunk refuses, or a deadline of a millisecond, fails the job as a downstream failure (5xx), not as glue.
 */
@QuarkusTest
@WithTestResource(FakeSumChunkResource.class)
class RequestGluePropertyTest {

    static final Set<Integer> ANSWERS = Set.of(200, 400, 404, 405, 413, 415, 422);
    static final long SEED = 20261201L;
    static final int TRIES = 300;

    @Test
    void hostileRequests_answeredWithAStatusOfTheContractNever500() throws IOException {
        // given
        List<HostileRequests.Request> requests = new HostileRequests("aggregate",
                List.of("jobId", "values", "chunkSize", "source", "chunkBytes", "maxConcurrency", "toleratedFailures"),
                true).sample(SEED, TRIES);

        for (HostileRequests.Request request : requests) {
            // when
            RawHttp.Answer answer = RawHttp.send(RestAssured.port, request.head(),
                    request.body() == null ? new byte[0] : request.body());

            // then
            assertThat(answer.status()).as("status of %s", request).isIn(ANSWERS);
            if (answer.status() != 200) {
                JsonNode error = answer.json().path("error");
                assertThat(error.path("code").isTextual()).as("error code of %s: %s", request, answer.text()).isTrue();
                assertThat(error.path("message").isTextual()).as("error message of %s", request).isTrue();
            }
        }
        assertThat(RawHttp.send(RestAssured.port, "GET /q/health/live HTTP/1.1").status()).isEqualTo(200);
    }
}
