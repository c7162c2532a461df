package dev.cumulus.register;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.cumulus.core.testing.LogCapture;
import dev.cumulus.store.testing.PostgresSchemaResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.DisabledOnIntegrationTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** The contract of {@code register} over HTTP, against PostgreSQL (a fresh schema for this class). */
@QuarkusTest
@WithTestResource(PostgresSchemaResource.class)
class RegisterFunctionTest {

    static final String PASSWORD = "correct horse battery staple";

    /** A name no other test (or earlier run against the same database) has used. */
    static String newName() {
        return "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    static ValidatableResponse post(String json) {
        return given().contentType(ContentType.JSON).body(json).when().post("/register").then();
    }

    static String request(String username, String password, String email) {
        return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\""
                + (email == null ? "" : ",\"email\":\"" + email + "\"") + "}";
    }

    static ValidatableResponse error(ValidatableResponse response, int status, String code) {
        return response.statusCode(status).contentType(ContentType.JSON).body("error.code", equalTo(code))
                .body("error.message", notNullValue());
    }

    @Test
    void newAccount_idNormalisedNameAndCreationTime() {
        String name = newName();

        String createdAt = post(request("  " + name.toUpperCase() + " ", PASSWORD, "Alice@Example.COM"))
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("userId", matchesPattern("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"))
                .body("username", equalTo(name))
                .body("password", org.hamcrest.Matchers.nullValue())
                .body(not(containsString(PASSWORD)))
                .extract().path("createdAt");

        org.assertj.core.api.Assertions.assertThat(Instant.parse(createdAt))
                .isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(60));
    }

    @Test
    void nameTakenAlready_409() {
        String name = newName();
        post(request(name, PASSWORD, null)).statusCode(200);

        error(post(request(name.toUpperCase(), PASSWORD + "!", null)), 409, "USERNAME_TAKEN")
                .body(not(containsString(PASSWORD)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "-leading-dash", "with space", "émile", "a@b", "x234567890123456789012345678901234"})
    void usernameAgainstTheRules_400StatingThem(String username) {
        error(post(request(username, PASSWORD, null)), 400, "INVALID_INPUT")
                .body("error.details.field", equalTo("username"))
                .body("error.message", containsString("3 to 32 characters"));
    }

    @Test
    void shortPassword_400() {
        error(post(request(newName(), "short pass", null)), 400, "INVALID_INPUT")
                .body("error.details.field", equalTo("password"))
                .body("error.message", containsString("at least 12"))
                .body(not(containsString("short pass")));
    }

    @Test
    void commonPassword_400() {
        error(post(request(newName(), "1qaz2wsx3edc", null)), 400, "INVALID_INPUT")
                .body("error.details.field", equalTo("password"))
                .body("error.message", containsString("common"))
                .body(not(containsString("1qaz2wsx3edc")));
    }

    @Test
    void passwordContainingTheUsername_400() {
        String name = newName();

        error(post(request(name, "my name is " + name.toUpperCase(), null)), 400, "INVALID_INPUT")
                .body("error.details.field", equalTo("password"))
                .body("error.message", containsString("username"));
    }

    @Test
    void badEmail_400() {
        error(post(request(newName(), PASSWORD, "not-an-address")), 400, "INVALID_INPUT")
                .body("error.details.field", equalTo("email"));
    }

    @Test
    void missingPassword_400() {
        error(post("{\"username\":\"" + newName() + "\"}"), 400, "INVALID_INPUT")
                .body("error.details.field", equalTo("password"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"username\":\"alice\",\"password\":\"secret-Zebra-42-horse\"",
            "{\"username\":\"alice\",\"password\":secret-Zebra-42-horse}",
            "{\"username\":\"alice\",\"password\":[\"secret-Zebra-42-horse\"]}",
            "{\"username\":\"alice\",\"password\":{\"secret-Zebra-42-horse\":1}}",
            "{\"username\":[\"alice\"],\"password\":\"secret-Zebra-42-horse\"}"})
    void malformedJson_400WithoutEchoingThePassword(String body) {
        error(post(body), 400, "INVALID_INPUT").body(not(containsString("secret-Zebra")));
    }

    @Test
    void bodyOverSixteenKilobytes_413() {
        // an account needs a few hundred bytes; the limit keeps a caller from making the function parse megabytes
        error(post("{\"username\":\"alice\",\"password\":\"" + "p".repeat(17 * 1024) + "\"}"), 413,
                "PAYLOAD_TOO_LARGE");
    }

    @Test
    void emptyBody_400() {
        error(given().contentType(ContentType.JSON).when().post("/register").then(), 400, "INVALID_INPUT");
    }

    @Test
    void cloudEvent_answeredAsACloudEvent() {
        given().contentType(ContentType.JSON)
                .header("ce-id", "evt-1")
                .header("ce-specversion", "1.0")
                .header("ce-type", "dev.cumulus.account.requested")
                .header("ce-source", "test")
                .body(request(newName(), PASSWORD, null))
                .when().post("/")
                .then()
                .statusCode(200)
                .header("ce-type", "dev.cumulus.account.registered")
                .header("ce-source", "register")
                .body("userId", notNullValue());
    }

    @Test
    void probes_upAndReadinessChecksTheStore() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("store")));
    }

    @Test
    @DisabledOnIntegrationTest("the packaged application logs in its own process")
    void passwords_neverLogged() {
        String name = newName();
        try (LogCapture log = LogCapture.open()) {
            // when: a success, a refusal, a duplicate and a malformed body, each with a password
            post(request(name, "Zebra-secret-9f1c-one", "a@example.com")).statusCode(200);
            post(request(name, "Zebra-secret-9f1c-two", null)).statusCode(409);
            post(request(name + "x", "Zebra-secret-9f1c-" + name + "x", null)).statusCode(400);
            post("{\"username\":\"" + name + "\",\"password\":Zebra-secret-9f1c-three}").statusCode(400);

            // then: the requests were logged, their passwords were not
            org.assertj.core.api.Assertions.assertThat(log.textAfterRequestLines(4)).contains("username=" + name)
                    .doesNotContain("Zebra-secret");
        }
    }
}
