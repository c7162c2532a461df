package dev.cumulus.sumchunk;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.cumulus.core.testing.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * The HTTP glue in front of the function: requests without a body, methods other than POST, and bodies that do not
 * fit the input (unknown fields, wrong types), as plain JSON and as CloudEvents in both modes.
 */
@QuarkusTest
class RequestGlueTest {

    static final String CE_HEADERS = "ce-id: evt-1\r\nce-specversion: 1.0\r\nce-type: dev.cumulus.chunk.requested\r\n"
            + "ce-source: test\r\n";

    static RawHttp.Answer raw(String head) throws IOException {
        return RawHttp.send(RestAssured.port, head);
    }

    static void assertInvalidInput(RawHttp.Answer answer, String message) throws IOException {
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        JsonNode error = answer.json().path("error");
        assertThat(error.path("code").asText()).isEqualTo("INVALID_INPUT");
        assertThat(error.path("message").asText()).isEqualTo(message);
    }

    static ValidatableResponse post(String path, String json) {
        return given().contentType(ContentType.JSON).body(json).when().post(path).then();
    }

    static ValidatableResponse refused(ValidatableResponse response, String field) {
        return response.statusCode(400).contentType(ContentType.JSON)
                .body("error.code", equalTo("INVALID_INPUT"))
                .body("error.details.field", equalTo(field))
                .body("error.message", startsWith(field + ": "));
    }

    // --- requests without a body ---

    @ParameterizedTest
    @ValueSource(strings = {"/", "/sum-chunk"})
    void postWithoutContentLength_400NoBody(String path) throws IOException {
        // given: what `curl -X POST -H 'Content-Type: application/json' URL` sends, no -d
        // when
        RawHttp.Answer answer = raw("POST " + path + " HTTP/1.1\r\nContent-Type: application/json");

        // then
        assertInvalidInput(answer, "the request has no body");
    }

    @Test
    void cloudEventInBinaryModeWithoutBody_400NoBody() throws IOException {
        assertInvalidInput(raw("POST / HTTP/1.1\r\n" + CE_HEADERS + "Content-Type: application/json"),
                "the request has no body");
        assertInvalidInput(raw("POST / HTTP/1.1\r\n" + CE_HEADERS.strip()), "the request has no body");
    }

    @Test
    void cloudEventInBinaryModeWithoutContentType_415() throws IOException {
        // when
        RawHttp.Answer answer = RawHttp.send(RestAssured.port, "POST / HTTP/1.1\r\n" + CE_HEADERS
                + "Content-Length: 14", "{\"values\":[1]}".getBytes(StandardCharsets.US_ASCII));

        // then
        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.json().path("error").path("code").asText()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void postWithLengthZero_400NoBody() throws IOException {
        assertInvalidInput(raw("POST /sum-chunk HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 0"),
                "the request has no body");
    }

    @Test
    void chunkedBody_read() throws IOException {
        // given: a body without Content-Length, in one chunk
        byte[] body = "f\r\n{\"values\":[1,2]\r\n1\r\n}\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

        // when
        RawHttp.Answer answer = RawHttp.send(RestAssured.port,
                "POST /sum-chunk HTTP/1.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked", body);

        // then
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("sum").asText()).isEqualTo("3");
    }

    // --- methods ---

    @ParameterizedTest
    @CsvSource({"GET,/", "GET,/sum-chunk", "GET,/sum-chunk?values=1", "PUT,/sum-chunk", "DELETE,/", "PATCH,/sum-chunk",
            "OPTIONS,/sum-chunk", "GET,/no-such-function"})
    void methodOtherThanPost_405WithAllow(String method, String path) throws IOException {
        // when
        RawHttp.Answer answer = raw(method + " " + path + " HTTP/1.1");

        // then
        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.header("Allow")).isEqualTo("POST");
        assertThat(answer.json().path("error").path("code").asText()).isEqualTo("METHOD_NOT_ALLOWED");
    }

    @Test
    void head_405WithAllowAndNoBody() throws IOException {
        RawHttp.Answer answer = raw("HEAD /sum-chunk HTTP/1.1");

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.header("Allow")).isEqualTo("POST");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/q/health", "/q/health/live", "/q/health/ready"})
    void managementPaths_stillAnswerGet(String path) {
        given().when().get(path).then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void unknownManagementPath_404() {
        given().when().get("/q/no-such-thing").then().statusCode(404);
    }

    // --- bodies that do not fit the input ---

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"{\"values\":[1],\"chunk_size\":10}|chunk_size",
            "{\"chunkSzie\":10,\"values\":[1]}|chunkSzie",
            "{\"values\":[1],\"tolerated_failures\":1}|tolerated_failures",
            "{\"source\":{\"url\":\"http://localhost/n.txt\",\"chunkSzie\":1}}|source.chunkSzie",
            "{\"Records\":[{\"eventSource\":\"aws:sqs\"}],\"values\":[1]}|Records"})
    void unknownField_400NamingIt(String body, String field) {
        refused(post("/sum-chunk", body), field).body("error.message", org.hamcrest.Matchers.containsString("unknown"));
    }

    @Test
    void unknownField_messageListsTheFieldsThatExist() {
        refused(post("/sum-chunk", "{\"values\":[1],\"valuez\":[2]}"), "valuez")
                .body("error.message",
                        equalTo("valuez: unknown field; the fields here are format, index, jobId, source, timeoutMs, values"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"{\"values\":\"abc\"}|values", "{\"values\":[1],\"index\":\"abc\"}|index",
            "{\"values\":[1],\"index\":[1]}|index",
            "{\"source\":{\"url\":\"http://x\",\"offset\":\"abc\"}}|source.offset",
            "{\"source\":\"http://x\"}|source", "{\"values\":[1],\"jobId\":{\"a\":1}}|jobId"})
    void wrongType_400NamingTheField(String body, String field) {
        refused(post("/sum-chunk", body), field);
    }

    @Test
    void unknownFieldInBinaryCloudEvent_400NamingIt() {
        refused(given().contentType(ContentType.JSON).header("ce-id", "evt-1").header("ce-specversion", "1.0")
                .header("ce-type", "dev.cumulus.chunk.requested").header("ce-source", "test")
                .body("{\"values\":[1],\"chunk_size\":3}").when().post("/").then(), "chunk_size");
    }

    @Test
    void unknownFieldInStructuredCloudEvent_400NamingIt() {
        refused(given().contentType("application/cloudevents+json")
                .body("{\"specversion\":\"1.0\",\"id\":\"evt-2\",\"type\":\"dev.cumulus.chunk.requested\","
                        + "\"source\":\"test\",\"datacontenttype\":\"application/json\","
                        + "\"data\":{\"values\":[2],\"source\":null,\"tolerated_failures\":1}}")
                .when().post("/").then(), "tolerated_failures");
    }

    @Test
    void fieldNameWithControlCharacters_notEchoedRaw() {
        refused(post("/sum-chunk", "{\"values\":[1],\"a\\nb\\u0000\":1}"), "a?b?");
    }

    @Test
    void knownFieldsOnly_stillSummed() {
        post("/sum-chunk", "{\"jobId\":\"j\",\"index\":0,\"values\":[1,\"2\"]}").statusCode(200).body("sum",
                equalTo("3"));
    }
}
