package dev.cumulus.login;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.cumulus.core.testing.RawHttp;
import dev.cumulus.store.testing.PostgresSchemaResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * The HTTP glue in front of {@code login}: requests without a body, methods other than POST, and bodies that do not
 * fit the input (unknown fields, wrong types). The glue is shared; sum-chunk's RequestGlueTest covers it in depth.
 */
@QuarkusTest
@WithTestResource(PostgresSchemaResource.class)
@WithTestResource(SigningKeyResource.class)
class RequestGlueTest {

    static RawHttp.Answer raw(String head) throws IOException {
        return RawHttp.send(RestAssured.port, head);
    }

    static ValidatableResponse refused(String json, String field) {
        return given().contentType(ContentType.JSON).body(json).when().post("/login").then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("error.code", equalTo("INVALID_INPUT"))
                .body("error.details.field", equalTo(field))
                .body("error.message", startsWith(field + ": "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/login"})
    void postWithoutBody_400NoBody(String path) throws IOException {
        // given: what `curl -X POST -H 'Content-Type: application/json' URL` sends, no -d
        // when
        RawHttp.Answer answer = raw("POST " + path + " HTTP/1.1\r\nContent-Type: application/json");

        // then
        assertThat(answer.status()).isEqualTo(400);
        JsonNode error = answer.json().path("error");
        assertThat(error.path("code").asText()).isEqualTo("INVALID_INPUT");
        assertThat(error.path("message").asText()).isEqualTo("the request has no body");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET /", "GET /login", "PUT /login", "HEAD /login"})
    void methodOtherThanPost_405WithAllow(String request) throws IOException {
        RawHttp.Answer answer = raw(request + " HTTP/1.1");

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.header("Allow")).isEqualTo("POST");
    }

    @Test
    void probes_stillUp() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"username\":\"alice\",\"password\":\"correct horse battery staple\",\"otp\":\"1\"}|otp",
            "{\"user\":\"alice\",\"password\":\"correct horse battery staple\"}|user"})
    void unknownField_400NamingIt(String body, String field) {
        refused(body, field).body("error.message", startsWith(field + ": unknown field"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"username\":[\"alice\"],\"password\":\"correct horse battery staple\"}|username",
            "{\"username\":\"alice\",\"password\":{\"a\":1}}|password"})
    void wrongType_400NamingTheField(String body, String field) {
        refused(body, field).body("error.message", equalTo(field + ": has the wrong type"));
    }

    @Test
    void unknownFieldInBinaryCloudEvent_400NamingIt() {
        given().contentType(ContentType.JSON).header("ce-id", "evt-1").header("ce-specversion", "1.0")
                .header("ce-type", "test").header("ce-source", "test")
                .body("{\"username\":\"alice\",\"passwd\":\"x\"}").when().post("/").then().statusCode(400)
                .body("error.code", equalTo("INVALID_INPUT"))
                .body("error.details.field", equalTo("passwd"));
    }
}
