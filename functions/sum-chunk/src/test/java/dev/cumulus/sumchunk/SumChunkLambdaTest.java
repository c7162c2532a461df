package dev.cumulus.sumchunk;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.cumulus.core.testing.RangeFileServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The Lambda flavour ({@code -Plambda}): events go through Quarkus' mock Lambda event server, which the function
 * polls through the Runtime API as it would on AWS. A thrown error comes back as the function error (HTTP 500 with
 * {@code errorType} and {@code errorMessage}).
 */
@Tag("lambda")
@QuarkusTest
class SumChunkLambdaTest {

    static RangeFileServer files;

    @BeforeAll
    static void startSourceServer() throws IOException {
        files = RangeFileServer.start().put("/mixed.txt", SumChunkFunctionTest.resource("mixed.txt"))
                .put("/orders.jsonl", SumChunkFunctionTest.resource("orders.jsonl"));
    }

    @AfterAll
    static void stopSourceServer() {
        files.close();
    }

    static RequestSpecification event(String json) {
        int port = ConfigProvider.getConfig().getOptionalValue("quarkus.lambda.mock-event-server.test-port",
                Integer.class).orElse(8081);
        return given().port(port).contentType(ContentType.JSON).body(json);
    }

    @Test
    void inlineValues_exactResult() {
        event("{\"jobId\":\"j\",\"index\":0,\"values\":[1,\"2.5\",-3]}")
                .when().post()
                .then().statusCode(200)
                .body("jobId", equalTo("j"))
                .body("count", equalTo(3))
                .body("sum", equalTo("0.5"))
                .body("min", equalTo("-3"))
                .body("max", equalTo("2.5"));
    }

    @Test
    void sourceRange_readOverHttp() {
        event("{\"source\":{\"url\":\"" + files.url("/mixed.txt") + "\",\"offset\":9}}")
                .when().post()
                .then().statusCode(200)
                .body("count", equalTo(4))
                .body("sum", equalTo("100000000000000000017.75"));
    }

    @Test
    void jsonlSource_skippedCounted() {
        event("{\"source\":{\"url\":\"" + files.url("/orders.jsonl") + "\"},"
                + "\"format\":{\"type\":\"jsonl\",\"field\":\"order.total\",\"missing\":\"skip\"}}")
                .when().post()
                .then().statusCode(200)
                .body("count", equalTo(3))
                .body("sum", equalTo("110.25"))
                .body("skipped", equalTo(2));
    }

    @Test
    void missingField_functionErrorInvalidRecord() {
        event("{\"source\":{\"url\":\"" + files.url("/orders.jsonl") + "\"},"
                + "\"format\":{\"type\":\"jsonl\",\"field\":\"order.total\"}}")
                .when().post()
                .then().statusCode(500)
                .body("errorMessage", startsWith("INVALID_RECORD: line 3 of the range"));
    }

    @Test
    void badNumber_functionErrorLedByTheCode() {
        event("{\"values\":[1,\"x\"]}")
                .when().post()
                .then().statusCode(500)
                .body("errorMessage", startsWith("INVALID_NUMBER: values[1]"));
    }

    @Test
    void internalAddress_functionErrorInvalidInput() {
        event("{\"source\":{\"url\":\"http://169.254.169.254/latest/meta-data/\"}}")
                .when().post()
                .then().statusCode(500)
                .body("errorMessage", startsWith("INVALID_INPUT: source.url"));
    }

    @Test
    void neitherValuesNorSource_functionErrorInvalidInput() {
        event("{\"jobId\":\"j\"}")
                .when().post()
                .then().statusCode(500)
                .body("errorMessage", startsWith("INVALID_INPUT"));
    }
}
