package dev.cumulus.sumchunk;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import dev.cumulus.source.s3.testing.S3rverFixture;
import dev.cumulus.source.s3.testing.S3rverResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** The Lambda flavour reads {@code s3://} sources too (s3rver on loopback; skipped without Node). */
@Tag("lambda")
@QuarkusTest
@EnabledIf("dev.cumulus.source.s3.testing.S3rverFixture#available")
@QuarkusTestResource(value = S3rverResource.class, restrictToAnnotatedClass = true, initArgs = @ResourceArg(name = "buckets", value = SumChunkS3LambdaTest.BUCKET))
class SumChunkS3LambdaTest {

    static final String BUCKET = "sum-chunk-lambda-sources";

    S3rverFixture s3;

    @Test
    void s3Range_summed() {
        // given
        s3.put(BUCKET, "numbers.txt", "1.5\n2\n-0.25\n100\n");

        // when / then: [6, 16) owns the last two lines
        SumChunkLambdaTest.event("{\"source\":{\"url\":\"s3://" + BUCKET + "/numbers.txt\",\"offset\":6}}")
                .when().post()
                .then().statusCode(200)
                .body("count", equalTo(2))
                .body("sum", equalTo("99.75"));
    }

    @Test
    void bucketNotAllowed_functionErrorInvalidInput() {
        SumChunkLambdaTest.event("{\"source\":{\"url\":\"s3://another-bucket/numbers.txt\"}}")
                .when().post()
                .then().statusCode(500)
                .body("errorMessage", startsWith("INVALID_INPUT"))
                .body("errorMessage", containsString("another-bucket"));
    }
}
