package dev.cumulus.sumchunk;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** {@code file:} sources, which only a switch turns on. */
@QuarkusTest
@TestProfile(SumChunkFileSourceTest.FilesAllowed.class)
class SumChunkFileSourceTest {

    public static class FilesAllowed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cumulus.sources.allow-file", "true", "cumulus.sources.file-root", "target/test-classes");
        }
    }

    @Test
    void fileRange_summedLikeAnHttpRange() throws IOException, URISyntaxException {
        Path file = Path.of(getClass().getResource("/sources/mixed.txt").toURI());

        given().contentType(ContentType.JSON)
                .body("{\"source\":{\"url\":\"" + file.toUri() + "\",\"offset\":9}}")
                .when().post("/sum-chunk")
                .then().statusCode(200)
                .body("sum", equalTo("100000000000000000017.75"));
    }

    @Test
    void missingFile_502() {
        given().contentType(ContentType.JSON)
                .body("{\"source\":{\"url\":\"" + Path.of("target/test-classes/no-such-numbers.txt").toUri() + "\"}}")
                .when().post("/sum-chunk")
                .then().statusCode(502)
                .body("error.code", equalTo("SOURCE_UNAVAILABLE"));
    }
}
