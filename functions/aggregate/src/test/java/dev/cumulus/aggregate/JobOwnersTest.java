package dev.cumulus.aggregate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.cumulus.aggregate.auth.AuthKeyResource;
import dev.cumulus.aggregate.auth.TestKeys;
import dev.cumulus.aggregate.testing.FakeSumChunk;
import dev.cumulus.aggregate.testing.FakeSumChunkResource;
import dev.cumulus.store.testing.PostgresSchemaResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * Jobs belong to the caller their token names, with tokens required as in production: without one, 401; another
 * caller's job is 404, exactly as one that never existed, whatever is asked of it; the same job id is a job of each
 * owner's own; and an owner may have one unfinished job here (429 beyond).
 */
@QuarkusTest
@TestProfile(JobOwnersTest.OneJobEach.class)
@WithTestResource(AuthKeyResource.class)
@WithTestResource(FakeSumChunkResource.class)
@WithTestResource(PostgresSchemaResource.class)
class JobOwnersTest {

    public static class OneJobEach implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cumulus.aggregate.jobs.max-unfinished-per-owner", "1");
        }
    }

    TestKeys keys;
    FakeSumChunk fake;

    @BeforeEach
    void resetFake() {
        fake.reset();
    }

    RequestSpecification as(String owner) {
        return given().header("Authorization", "Bearer " + keys.token(owner));
    }

    ValidatableResponse submit(String owner, String json) {
        return as(owner).contentType(ContentType.JSON).body(json).when().post("/jobs").then();
    }

    void awaitEnd(String owner, String jobId) {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            String state = as(owner).get("/jobs/" + jobId).then().statusCode(200).extract().path("state");
            if (!"PENDING".equals(state) && !"RUNNING".equals(state)) {
                return;
            }
            assertThat(System.nanoTime()).as("job " + jobId + " ends").isLessThan(until);
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // the next poll
        }
    }

    @Test
    void withoutAToken_401_andNothingKept() {
        given().contentType(ContentType.JSON).body("{\"jobId\":\"anon\",\"values\":[1,2]}").when().post("/jobs")
                .then().statusCode(401).body("error.code", equalTo("INVALID_TOKEN"));
        given().get("/jobs/anon").then().statusCode(401).body("error.code", equalTo("INVALID_TOKEN"));
        given().contentType(ContentType.JSON).body("{\"values\":[1,2]}").when().post("/aggregate").then()
                .statusCode(401).body("error.code", equalTo("INVALID_TOKEN"));
        assertThat(fake.totalCalls()).isZero();
    }

    @Test
    void anotherCallersJob_404AsIfItNeverExisted_whateverIsAsked() {
        // given
        submit("alice", "{\"jobId\":\"mine\",\"values\":[1,2,3],\"chunkSize\":1}").statusCode(202);
        awaitEnd("alice", "mine");
        String unknown = as("bob").get("/jobs/never-was").then().statusCode(404).extract().asString();

        // when / then: the same answer as for a job that never existed, for every action
        assertThat(as("bob").get("/jobs/mine").then().statusCode(404).extract().asString())
                .isEqualTo(unknown.replace("never-was", "mine"));
        as("bob").post("/jobs/mine/cancel").then().statusCode(404).body("error.code", equalTo("NOT_FOUND"));
        as("bob").post("/jobs/mine/redrive").then().statusCode(404).body("error.code", equalTo("NOT_FOUND"));
        as("bob").contentType(ContentType.JSON).body("{\"action\":\"status\",\"jobId\":\"mine\"}").post("/aggregate")
                .then().statusCode(404).body("error.code", equalTo("NOT_FOUND"));
        as("alice").get("/jobs/mine").then().statusCode(200).body("state", equalTo("SUCCEEDED"))
                .body("result.sum", equalTo("6"));
    }

    @Test
    void sameJobIdForTwoOwners_twoJobs() {
        submit("alice", "{\"jobId\":\"shared\",\"values\":[1,2],\"chunkSize\":1}").statusCode(202);
        awaitEnd("alice", "shared");

        submit("bob", "{\"jobId\":\"shared\",\"values\":[10,20],\"chunkSize\":1}").statusCode(202);
        awaitEnd("bob", "shared");

        as("alice").get("/jobs/shared").then().body("result.sum", equalTo("3"));
        as("bob").get("/jobs/shared").then().body("result.sum", equalTo("30"));
    }

    @Test
    void aSecondUnfinishedJobOfOneOwner_429_anotherOwnerStillServed() {
        // given: carol's first job runs long (50 chunks, one at a time, 100 ms each)
        fake.delayEveryCall(100);
        StringBuilder values = new StringBuilder("1");
        for (int i = 2; i <= 50; i++) {
            values.append(',').append(i);
        }
        submit("carol", "{\"jobId\":\"long\",\"values\":[" + values + "],\"chunkSize\":1,\"maxConcurrency\":1}")
                .statusCode(202);

        // when / then
        submit("carol", "{\"jobId\":\"second\",\"values\":[1],\"chunkSize\":1}").statusCode(429)
                .body("error.code", equalTo("TOO_MANY_JOBS"));
        submit("dave", "{\"jobId\":\"first\",\"values\":[1],\"chunkSize\":1}").statusCode(202);
        as("carol").post("/jobs/long/cancel").then().statusCode(200);
        awaitEnd("carol", "long");
        submit("carol", "{\"jobId\":\"second\",\"values\":[1],\"chunkSize\":1}").statusCode(202);

        // the jobs end here, so that none of their calls reaches the next test's count
        awaitEnd("dave", "first");
        awaitEnd("carol", "second");
    }
}
