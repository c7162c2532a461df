package dev.cumulus.aggregate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

import dev.cumulus.aggregate.testing.FakeSumChunkResource;
import dev.cumulus.store.testing.PostgresSchema;
import dev.cumulus.store.testing.PostgresSchemaResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * A job is kept for its retention (here 2 s) past its deadline (here 5 s), so at least that long after it ended; then
 * it is answered as unknown, and its rows are deleted.
 */
@QuarkusTest
@TestProfile(JobRetentionTest.ShortRetention.class)
@WithTestResource(FakeSumChunkResource.class)
@WithTestResource(PostgresSchemaResource.class)
class JobRetentionTest {

    public static class ShortRetention implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cumulus.aggregate.jobs.retention", "2S");
        }
    }

    /** The schema of the ledger, from the resource that made it (no injection: the Lambda flavour has no DataSource). */
    PostgresSchema ledger;

    @Test
    void pastItsRetention_unknown_andItsRowsDeletedAtALaterSubmission() throws SQLException {
        // given: a job that ended
        given().contentType(ContentType.JSON)
                .body("{\"jobId\":\"short-lived\",\"values\":[1,2,3],\"chunkSize\":1,\"timeoutMs\":5000}")
                .when().post("/jobs").then().statusCode(202);
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!"SUCCEEDED".equals(given().get("/jobs/short-lived").then().statusCode(200).extract().path("state"))) {
            assertThat(System.nanoTime()).as("the job ends").isLessThan(until);
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // the next poll
        }
        assertThat(rows("jobs")).isEqualTo(1);
        assertThat(rows("job_chunks")).isEqualTo(3);

        // when: its retention passes
        while (given().get("/jobs/short-lived").then().extract().statusCode() == 200) {
            assertThat(System.nanoTime()).as("the job is forgotten").isLessThan(until);
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // the next poll
        }

        // then: unknown, with the answer of a job that never existed; a later submission deletes its rows
        given().get("/jobs/short-lived").then().statusCode(404).body("error.code",
                org.hamcrest.Matchers.equalTo("NOT_FOUND"));
        given().contentType(ContentType.JSON).body("{\"jobId\":\"next\",\"values\":[1],\"chunkSize\":1}").when()
                .post("/jobs").then().statusCode(202);
        assertThat(rows("jobs where job_id = 'short-lived'")).isZero();
        assertThat(rows("job_chunks where job_id = 'short-lived'")).isZero();
    }

    private long rows(String from) throws SQLException {
        try (Connection c = ledger.dataSource().getConnection();
                ResultSet r = c.createStatement().executeQuery(
                        "select count(*) from " + ledger.name() + "." + from)) {
            r.next();
            return r.getLong(1);
        }
    }
}
