package dev.cumulus.aggregate;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cumulus.core.testing.HostileRequests;
import dev.cumulus.core.testing.RequestGlueProperty;
import dev.cumulus.aggregate.testing.FakeSumChunkResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Hostile requests drawn at random (with a fixed seed: the same ones every run) get 200 or a documented 4xx with the
 * JSON error body, never a 500, and the function still answers afterwards.
 * <p>
 * The values are numbers within the bounds, and {@code timeoutMs} is left out: aggregate passes values on to a fake
 * sum-chunk here, whose answers are not what this test is about, and a deadline of a millisecond fails a job as a
 * deadline (504), not as glue. The bounds themselves are {@code HostileAggregateTest}'s and sum-chunk's.
 */
@QuarkusTest
@WithTestResource(FakeSumChunkResource.class)
class RequestGluePropertyTest {

    @Test
    void hostileRequests_answeredWithAStatusOfTheContractNever500() throws IOException {
        RequestGlueProperty.check(RestAssured.port, new HostileRequests("aggregate",
                List.of("jobId", "values", "chunkSize", "source", "chunkBytes", "maxConcurrency", "toleratedFailures"),
                true), 300);
    }
}
