package dev.cumulus.sumchunk;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import dev.cumulus.source.s3.testing.S3rverFixture;
import dev.cumulus.source.s3.testing.S3rverResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** {@code s3://} sources, read from a real S3-compatible server on loopback (s3rver; skipped without Node). */
@QuarkusTest
@EnabledIf("dev.cumulus.source.s3.testing.S3rverFixture#available")
@QuarkusTestResource(value = S3rverResource.class, restrictToAnnotatedClass = true, initArgs = @ResourceArg(name = "buckets", value = SumChunkS3SourceTest.BUCKET))
class SumChunkS3SourceTest {

    static final String BUCKET = "sum-chunk-sources";

    S3rverFixture s3;

    @BeforeEach
    void putObject() {
        s3.put(BUCKET, "numbers.txt", "1.5\n2\n-0.25\n100\n");
    }

    private static io.restassured.response.ValidatableResponse sum(String source) {
        return given().contentType(ContentType.JSON).body("{\"source\":" + source + "}")
                .when().post("/sum-chunk").then();
    }

    @Test
    void wholeObject_exactSum() {
        sum("{\"url\":\"s3://" + BUCKET + "/numbers.txt\"}")
                .statusCode(200)
                .body("count", equalTo(4))
                .body("sum", equalTo("103.25"))
                .body("min", equalTo("-0.25"))
                .body("max", equalTo("100"));
    }

    @Test
    void ranges_eachLineOnce() {
        // "1.5\n" 0-3, "2\n" 4-5, "-0.25\n" 6-11, "100\n" 12-15: [0, 6) owns the first two lines, [6, 16) the rest
        sum("{\"url\":\"s3://" + BUCKET + "/numbers.txt\",\"offset\":0,\"length\":6}")
                .statusCode(200).body("sum", equalTo("3.5"));
        sum("{\"url\":\"s3://" + BUCKET + "/numbers.txt\",\"offset\":6,\"length\":10}")
                .statusCode(200).body("sum", equalTo("99.75"));
    }

    @Test
    void missingKey_502SourceUnavailable() {
        sum("{\"url\":\"s3://" + BUCKET + "/missing.txt\"}")
                .statusCode(502)
                .body("error.code", equalTo("SOURCE_UNAVAILABLE"))
                .body("error.message", containsString("no such object"));
    }

    @Test
    void bucketNotAllowed_400OnSourceUrl() {
        sum("{\"url\":\"s3://some-other-bucket/numbers.txt\"}")
                .statusCode(400)
                .body("error.code", equalTo("INVALID_INPUT"))
                .body("error.details.field", equalTo("source.url"))
                .body("error.message", containsString("cumulus.sources.s3.allowed-buckets"));
    }

    @Test
    void invalidBucketName_400OnSourceUrl() {
        sum("{\"url\":\"s3://Not_A_Bucket/numbers.txt\"}")
                .statusCode(400)
                .body("error.details.field", equalTo("source.url"));
    }
}
