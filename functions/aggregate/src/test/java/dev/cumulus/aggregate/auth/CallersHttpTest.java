package dev.cumulus.aggregate.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.cumulus.core.testing.LogCapture;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Bearer tokens over HTTP, on a Funqy path ({@link AuthProbe}), with a key and without anonymous calls, as in
 * production: the SmallRye JWT extension does not answer on its own (no proactive authentication), and every refusal
 * is our 401 {@code INVALID_TOKEN} with {@code WWW-Authenticate: Bearer}, the same for every reason and without the
 * token.
 */
@QuarkusTest
@WithTestResource(AuthKeyResource.class)
class CallersHttpTest {

    static final String REFUSAL = "{\"error\":{\"code\":\"INVALID_TOKEN\",\"message\":\"a valid bearer token from login "
            + "is required\"}}";

    TestKeys keys;

    static ValidatableResponse probe(String authorization) {
        var request = given().contentType(ContentType.JSON).body("{}");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.when().post("/auth-probe").then();
    }

    static void refused(String authorization) {
        String body = probe(authorization).statusCode(401).contentType(ContentType.JSON)
                .header("WWW-Authenticate", "Bearer").extract().asString();

        assertThat(body).isEqualTo(REFUSAL);
    }

    @Test
    void validToken_ownerIsItsSubject() {
        probe("Bearer " + keys.token("0b6e4f4e-1c0a-4a8e-9d53-3c2f0b7f5e11")).statusCode(200)
                .body("owner", equalTo("0b6e4f4e-1c0a-4a8e-9d53-3c2f0b7f5e11"));
    }

    @Test
    void noToken_401() {
        refused(null);
    }

    @Test
    void expiredToken_401() {
        refused("Bearer " + keys.token(TestKeys.ISSUER, TestKeys.AUDIENCE, "user-1", Instant.now().minusSeconds(3600)));
    }

    @Test
    void tokenOfAnotherKey_401() {
        refused("Bearer " + TestKeys.generate().token("user-1"));
    }

    @Test
    void tokenForAnotherAudience_401() {
        refused("Bearer " + keys.token(TestKeys.ISSUER, "billing", "user-1", Instant.now()));
    }

    @Test
    void tokenOfAnotherIssuer_401() {
        refused("Bearer " + keys.token("someone-else", TestKeys.AUDIENCE, "user-1", Instant.now()));
    }

    @Test
    void unsignedTokenAlgNone_401() {
        refused("Bearer " + keys.unsignedToken("user-1"));
    }

    @Test
    void garbage_401() {
        refused("Bearer not-a-token");
        refused("Basic dXNlcjpwYXNz");
    }

    @Test
    void refusedToken_notInTheAnswerNorTheLog() {
        String token = TestKeys.generate().token("user-1");

        try (LogCapture log = LogCapture.open()) {
            String body = probe("Bearer " + token).statusCode(401).extract().asString();

            assertThat(body).doesNotContain(token).doesNotContain(token.substring(0, 20));
            assertThat(log.textAfterRequestLines(1)).doesNotContain(token).doesNotContain(token.split("\\.")[2]);
        }
    }

    @Test
    void tokenInTheEventsFieldWithoutHeader_accepted() {
        // what a Lambda event carries; over HTTP the header wins when both are there
        given().contentType(ContentType.JSON).body("{\"authorization\":\"Bearer " + keys.token("from-body") + "\"}")
                .when().post("/auth-probe").then().statusCode(200).body("owner", equalTo("from-body"));
    }
}
