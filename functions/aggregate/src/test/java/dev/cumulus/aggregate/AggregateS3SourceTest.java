package dev.cumulus.aggregate;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import dev.cumulus.source.s3.testing.S3rverFixture;
import dev.cumulus.source.s3.testing.S3rverResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A job over an {@code s3://} object: its size learnt with {@code HeadObject} to plan the chunks, each chunk read with
 * a ranged {@code GetObject} (the local invoker runs sum-chunk's code here), against s3rver on loopback; and a job over
 * a prefix, listed into its objects.
 */
@QuarkusTest
@TestProfile(AggregateS3SourceTest.Local.class)
@EnabledIf("dev.cumulus.source.s3.testing.S3rverFixture#available")
@QuarkusTestResource(value = S3rverResource.class, restrictToAnnotatedClass = true, initArgs = @ResourceArg(name = "buckets", value = AggregateS3SourceTest.BUCKET))
class AggregateS3SourceTest {

    static final String BUCKET = "aggregate-sources";

    public static class Local implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cumulus.aggregate.invoker", "local");
        }
    }

    S3rverFixture s3;

    @BeforeEach
    void putObject() {
        s3.put(BUCKET, "jobs/numbers.txt", "1.5\r\n-2\n\n300\n4\n");
    }

    @Test
    void s3Source_plannedBySizeAndEachLineCountedOnce() {
        // 15 bytes in chunks of 3: five ranges, most of them split inside a line
        AggregateLocalInvokerTest.post("{\"source\":{\"url\":\"s3://" + BUCKET + "/jobs/numbers.txt\"},"
                + "\"chunkBytes\":3}")
                .statusCode(200)
                .body("status", equalTo("SUCCEEDED"))
                .body("chunks.total", equalTo(5))
                .body("count", equalTo(4))
                .body("sum", equalTo("303.5"))
                .body("min", equalTo("-2"))
                .body("max", equalTo("300"));
    }

    @Test
    void prefix_everyObjectUnderIt_eachObjectsResult_gzipReadWhole() throws java.io.IOException {
        // given: three objects under the prefix (one a gzip CSV), one beside it that is not
        s3.put(BUCKET, "sales/2026/a.csv", "id,amount\n1,10\n2,\n");
        s3.put(BUCKET, "sales/2026/b.csv", "id,amount\n3,\"2.5\"\n");
        var gz = new java.io.ByteArrayOutputStream();
        try (var out = new java.util.zip.GZIPOutputStream(gz)) {
            out.write("id,amount\n4,100\n5,-1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        s3.put(BUCKET, "sales/2026/c.csv.gz", gz.toByteArray());
        s3.put(BUCKET, "sales/2027/d.csv", "id,amount\n6,1000\n");

        // when / then
        AggregateLocalInvokerTest.post("{\"source\":{\"url\":\"s3://" + BUCKET + "/sales/2026/\"},\"chunkBytes\":8,"
                + "\"format\":{\"type\":\"csv\",\"column\":\"amount\",\"header\":true,\"missing\":\"skip\"}}")
                .statusCode(200)
                .body("status", equalTo("SUCCEEDED"))
                .body("count", equalTo(4))
                .body("sum", equalTo("111.5"))
                .body("skipped", equalTo(1))
                .body("objects.url", org.hamcrest.Matchers.contains("s3://" + BUCKET + "/sales/2026/a.csv",
                        "s3://" + BUCKET + "/sales/2026/b.csv", "s3://" + BUCKET + "/sales/2026/c.csv.gz"))
                .body("objects[0].split", equalTo("ranges"))
                .body("objects[0].chunks", equalTo(3))
                .body("objects[0].sum", equalTo("10"))
                .body("objects[2].split", equalTo("whole"))
                .body("objects[2].chunks", equalTo(1))
                .body("objects[2].sum", equalTo("99"));
    }

    @Test
    void prefixOfABucketNotAllowed_400BeforeAnyListing() {
        AggregateLocalInvokerTest.post("{\"sources\":[{\"url\":\"s3://" + BUCKET + "/jobs/numbers.txt\"},"
                + "{\"url\":\"s3://not-allowed/data/\"}]}")
                .statusCode(400)
                .body("error.code", equalTo("INVALID_INPUT"))
                .body("error.details.field", equalTo("source.url"));
    }

    @Test
    void missingObject_502BeforeAnyChunk() {
        AggregateLocalInvokerTest.post("{\"source\":{\"url\":\"s3://" + BUCKET + "/jobs/missing.txt\"}}")
                .statusCode(502)
                .body("error.code", equalTo("SOURCE_UNAVAILABLE"))
                .body("error.message", containsString("no such object"));
    }

    @Test
    void bucketNotAllowed_400OnSourceUrl() {
        AggregateLocalInvokerTest.post("{\"source\":{\"url\":\"s3://not-allowed/numbers.txt\"}}")
                .statusCode(400)
                .body("error.code", equalTo("INVALID_INPUT"))
                .body("error.details.field", equalTo("source.url"));
    }
}
