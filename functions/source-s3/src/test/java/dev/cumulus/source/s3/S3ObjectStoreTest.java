package dev.cumulus.source.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.cumulus.core.error.CumulusException;
import dev.cumulus.core.error.ErrorCode;
import dev.cumulus.core.error.InvalidInputException;
import dev.cumulus.core.source.ObjectStore;
import dev.cumulus.source.s3.testing.S3rverFixture;
import software.amazon.awssdk.services.s3.S3Client;

/** The store against a real S3-compatible server (s3rver on loopback). */
class S3ObjectStoreTest {

    private static final String BUCKET = "numbers";
    private static final byte[] OBJECT = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);
    private static final int MANY = 1_100;

    private static S3rverFixture s3;
    private static S3Client client;

    @BeforeAll
    static void start() throws Exception {
        s3 = S3rverFixture.shared();
        s3.createBucket(BUCKET).createBucket("empty").put(BUCKET, "dir/object.txt", OBJECT);
        s3.config(BUCKET); // the SDK's system properties: credentials and region
        client = S3Clients.of(new TestConfig(s3.endpoint().toString()), java.time.Duration.ofSeconds(2),
                java.time.Duration.ofSeconds(5)).build();
        // more objects than one page of ListObjectsV2 holds, put in parallel to keep the test short
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<S3rverFixture>> puts = IntStream.range(0, MANY)
                    .mapToObj(i -> pool.submit(() -> s3.put(BUCKET, "many/" + String.format("%05d", i), "1\n")))
                    .toList();
            for (Future<S3rverFixture> f : puts) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static S3ObjectStore store(String... buckets) {
        return new S3ObjectStore(List.of(buckets), 10_000, () -> client);
    }

    @Test
    void rangedGet_exactBytes() throws IOException {
        // when
        ObjectStore.Body body = store(BUCKET).open(URI.create("s3://numbers/dir/object.txt"), 5, 14);

        // then
        try (InputStream in = body.stream()) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(OBJECT, 5, 15));
        }
        assertThat(body.contentRange()).isEqualTo("bytes 5-14/20");
        assertThat(body.contentLength()).isEqualTo(10);
    }

    @Test
    void openToTheEnd_readsTheRest() throws IOException {
        ObjectStore.Body body = store(BUCKET).open(URI.create("s3://numbers/dir/object.txt"), 15, -1);

        try (InputStream in = body.stream()) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(OBJECT, 15, 20));
        }
    }

    @Test
    void rangePastTheEnd_noBytes() {
        assertThat(store(BUCKET).open(URI.create("s3://numbers/dir/object.txt"), 20, 40).pastEnd()).isTrue();
    }

    @Test
    void head_size() {
        assertThat(store(BUCKET).size(URI.create("s3://numbers/dir/object.txt"))).isEqualTo(OBJECT.length);
    }

    @Test
    void listMoreThanOnePage_allObjectsInKeyOrder() {
        // when
        List<ObjectStore.Entry> found = store(BUCKET).list(URI.create("s3://numbers/many/"), 5_000);

        // then: 1,100 objects come in two pages of at most 1,000
        assertThat(found).hasSize(MANY);
        assertThat(found.get(0)).isEqualTo(new ObjectStore.Entry(URI.create("s3://numbers/many/00000"), 2));
        assertThat(found.get(MANY - 1).uri()).isEqualTo(URI.create("s3://numbers/many/01099"));
        assertThat(found).isSortedAccordingTo((a, b) -> a.uri().toString().compareTo(b.uri().toString()));
    }

    @Test
    void listMoreThanTheCallerAccepts_payloadTooLarge() {
        assertThatThrownBy(() -> store(BUCKET).list(URI.create("s3://numbers/many/"), 1_050))
                .isInstanceOfSatisfying(CumulusException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE))
                .hasMessageContaining("more than 1050 objects");
    }

    @Test
    void listMoreThanConfigured_payloadTooLargeNamingTheKey() {
        S3ObjectStore bounded = new S3ObjectStore(List.of(BUCKET), 500, () -> client);

        assertThatThrownBy(() -> bounded.list(URI.create("s3://numbers/many/"), 10_000))
                .isInstanceOfSatisfying(CumulusException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE))
                .hasMessageContaining("cumulus.sources.s3.max-list-objects");
    }

    @Test
    void emptyPrefix_emptyList() {
        assertThat(store("empty").list(URI.create("s3://empty"), 10)).isEmpty();
    }

    @Test
    void missingKey_sourceUnavailableNamingTheObject() {
        URI missing = URI.create("s3://numbers/dir/missing.txt");

        assertThatThrownBy(() -> store(BUCKET).open(missing, 0, 9))
                .isInstanceOfSatisfying(CumulusException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE))
                .hasMessageContaining("no such object: s3://numbers/dir/missing.txt");
        assertThatThrownBy(() -> store(BUCKET).size(missing))
                .isInstanceOfSatisfying(CumulusException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE))
                .hasMessageContaining("no such object");
    }

    @Test
    void missingBucket_sourceUnavailableNamingTheBucket() {
        assertThatThrownBy(() -> store("absent").size(URI.create("s3://absent/k")))
                .isInstanceOfSatisfying(CumulusException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE))
                .hasMessageContaining("absent");
    }

    @Test
    void bucketNotAllowed_refusedBeforeAnyRequest() {
        // given: a store that counts every time it needs its client, which every request does
        AtomicInteger clientAsked = new AtomicInteger();
        S3ObjectStore store = new S3ObjectStore(List.of(BUCKET), 10_000, () -> {
            clientAsked.incrementAndGet();
            return client;
        });

        // when / then
        for (Runnable call : List.<Runnable>of(() -> store.check(URI.create("s3://other/k"), false),
                () -> store.open(URI.create("s3://other/k"), 0, 9), () -> store.size(URI.create("s3://other/k")),
                () -> store.list(URI.create("s3://other/"), 10))) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(InvalidInputException.class, e -> {
                assertThat(e.field()).isEqualTo("source.url");
                assertThat(e.getMessage()).contains("bucket other is not allowed",
                        "cumulus.sources.s3.allowed-buckets");
            });
        }
        assertThat(clientAsked).hasValue(0);
    }

    @Test
    void noBucketsAllowed_everyS3SourceRefused() {
        assertThatThrownBy(() -> store().check(URI.create("s3://numbers/dir/object.txt"), false))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo("source.url"))
                .hasMessageContaining("s3 sources are turned off");
    }

    /** The configuration the beans would read, pointed at the local server. */
    record TestConfig(String endpointUrl) implements S3Config {
        @Override
        public java.util.Optional<List<String>> allowedBuckets() {
            return java.util.Optional.of(List.of(BUCKET));
        }

        @Override
        public java.util.Optional<String> endpoint() {
            return java.util.Optional.of(endpointUrl);
        }

        @Override
        public java.util.Optional<Boolean> pathStyle() {
            return java.util.Optional.empty();
        }

        @Override
        public java.util.Optional<String> region() {
            return java.util.Optional.empty();
        }

        @Override
        public int maxListObjects() {
            return 10_000;
        }
    }
}
