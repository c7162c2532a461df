package dev.cumulus.aggregate;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** The {@code local} invoker: chunks summed in this process with sum-chunk's own code. */
@QuarkusTest
@TestProfile(AggregateLocalInvokerTest.Local.class)
class AggregateLocalInvokerTest {

    public static class Local implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cumulus.aggregate.invoker", "local", "cumulus.sources.allow-file", "true",
                    "cumulus.sources.file-root", System.getProperty("java.io.tmpdir"));
        }
    }

    static ValidatableResponse post(String json) {
        return given().contentType(ContentType.JSON).body(json).when().post("/aggregate").then();
    }

    @Test
    void inlineValues_summedInProcess() {
        post("{\"values\":[1,\"2.5\",-3,\"123456789012345678901234567890\"],\"chunkSize\":1}")
                .statusCode(200)
                .body("status", equalTo("SUCCEEDED"))
                .body("sum", equalTo("123456789012345678901234567890.5"))
                .body("chunks.total", equalTo(4));
    }

    @Test
    void fileSource_rangesSplitMidLine_eachLineCountedOnce() throws IOException {
        Path file = Files.createTempFile("numbers", ".txt");
        try {
            Files.writeString(file, "1.5\r\n-2\n\n300\n4\n", StandardCharsets.US_ASCII);

            post("{\"source\":{\"url\":\"" + file.toUri() + "\"},\"chunkBytes\":3}")
                    .statusCode(200)
                    .body("count", equalTo(4))
                    .body("sum", equalTo("303.5"))
                    .body("min", equalTo("-2"))
                    .body("max", equalTo("300"));
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void badNumber_chunkRefusedWithItsCode_partialWhenTolerated() {
        post("{\"values\":[1,2,\"x\",4],\"chunkSize\":2,\"toleratedFailures\":1}")
                .statusCode(200)
                .body("status", equalTo("PARTIAL"))
                .body("sum", equalTo("3"))
                .body("failed[0].index", equalTo(1))
                .body("failed[0].offset", equalTo(2))
                .body("failed[0].length", equalTo(2))
                .body("failed[0].error.code", equalTo("INVALID_NUMBER"));
    }
}
