package dev.cumulus.aggregate;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The Lambda flavour ({@code -Plambda}): jobs arrive as events through Quarkus' mock Lambda event server, and the
 * chunks are summed by the {@code local} invoker (the {@code lambda} invoker has its own test against a stub of the
 * Invoke API). An error comes back as the function error, led by its code.
 */
@Tag("lambda")
@QuarkusTest
@TestProfile(AggregateLambdaTest.LocalChunks.class)
class AggregateLambdaTest {

    public static class LocalChunks implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cumulus.aggregate.invoker", "local");
        }
    }

    static RequestSpecification event(String json) {
        int port = ConfigProvider.getConfig().getOptionalValue("quarkus.lambda.mock-event-server.test-port",
                Integer.class).orElse(8081);
        return given().port(port).contentType(ContentType.JSON).body(json);
    }

    @Test
    void inlineJob_exactResult() {
        event("{\"jobId\":\"lambda-1\",\"values\":[1,\"2.5\",-3,10],\"chunkSize\":3}")
                .when().post()
                .then().statusCode(200)
                .body("jobId", equalTo("lambda-1"))
                .body("status", equalTo("SUCCEEDED"))
                .body("count", equalTo(4))
                .body("sum", equalTo("10.5"))
                .body("chunks.total", equalTo(2));
    }

    @Test
    void toleratedBadChunk_partial() {
        event("{\"values\":[1,\"x\",3],\"chunkSize\":1,\"toleratedFailures\":1}")
                .when().post()
                .then().statusCode(200)
                .body("status", equalTo("PARTIAL"))
                .body("sum", equalTo("4"))
                .body("failed[0].index", equalTo(1))
                .body("failed[0].error.code", equalTo("INVALID_NUMBER"));
    }

    @Test
    void tooManyBadNumbers_functionErrorLedByInvalidNumber() {
        event("{\"values\":[\"x\",\"y\"],\"chunkSize\":1}")
                .when().post()
                .then().statusCode(500)
                .body("errorMessage", startsWith("INVALID_NUMBER: "));
    }

    @Test
    void invalidJob_functionErrorInvalidInput() {
        event("{\"values\":[1],\"chunkSize\":0}")
                .when().post()
                .then().statusCode(500)
                .body("errorMessage", startsWith("INVALID_INPUT: chunkSize"));
    }
}
