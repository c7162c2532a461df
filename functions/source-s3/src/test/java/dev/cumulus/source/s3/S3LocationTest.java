package dev.cumulus.source.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.cumulus.core.error.InvalidInputException;

class S3LocationTest {

    @Test
    void bucketAndKey_parsed() {
        // when
        S3Location at = S3Location.parse(URI.create("s3://my-bucket.data/dir/numbers%20one.txt"), false);

        // then
        assertThat(at.bucket()).isEqualTo("my-bucket.data");
        assertThat(at.key()).isEqualTo("dir/numbers one.txt");
        assertThat(at.uri()).isEqualTo(URI.create("s3://my-bucket.data/dir/numbers%20one.txt"));
    }

    @Test
    void emptyPrefix_isTheWholeBucket() {
        assertThat(S3Location.parse(URI.create("s3://bucket"), true).key()).isEmpty();
        assertThat(S3Location.parse(URI.create("s3://bucket/"), true).key()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3://ab/k", "s3://Bucket/k", "s3://bucket_1/k", "s3://-bucket/k", "s3://bucket-/k",
            "s3://a..b/k", "s3://192.168.1.1/k", "s3://xn--bucket/k", "s3://bucket-s3alias/k",
            "s3://user@bucket/k", "s3://bucket:9000/k", "s3:bucket/k",
            "s3://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/k"})
    void invalidBucket_refusedOnSourceUrl(String url) {
        assertThatThrownBy(() -> S3Location.parse(URI.create(url), false))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo("source.url"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3://bucket", "s3://bucket/", "s3://bucket/k?versionId=1", "s3://bucket/k#f",
            "s3://bucket/a%0Ab", "s3://bucket/a%7Fb"})
    void invalidKey_refusedOnSourceUrl(String url) {
        assertThatThrownBy(() -> S3Location.parse(URI.create(url), false))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo("source.url"));
    }

    @Test
    void keyOf1024Bytes_accepted_1025_refused() {
        // given: 'é' is two bytes in UTF-8
        String longest = "é".repeat(512);

        // when / then
        assertThat(S3Location.parse(URI.create("s3://bucket/" + longest), false).key()).hasSize(512);
        assertThatThrownBy(() -> S3Location.parse(URI.create("s3://bucket/" + longest + "x"), false))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("1024 bytes");
    }
}
