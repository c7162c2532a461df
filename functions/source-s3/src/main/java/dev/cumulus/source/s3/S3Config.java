package dev.cumulus.source.s3;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Which {@code s3://bucket/key} sources may be read and how S3 is reached: {@code cumulus.sources.s3.*}. Credentials
 * are not configured here: they come from the AWS SDK's default chain (environment, web identity, the Lambda or
 * container role), as AWS users expect.
 */
@ConfigMapping(prefix = "cumulus.sources.s3")
public interface S3Config {

    /** The buckets a source may name; empty (the default) refuses every {@code s3://} source. */
    Optional<List<String>> allowedBuckets();

    /**
     * The URL of an S3-compatible store to call instead of AWS (operator configuration, never a caller's); unset for
     * AWS itself.
     */
    Optional<String> endpoint();

    /**
     * Whether buckets go in the path ({@code http://host/bucket/key}) rather than in the host name; by default, true
     * when {@link #endpoint()} is set and false otherwise.
     */
    Optional<Boolean> pathStyle();

    /**
     * The AWS region of the buckets; by default the SDK's default region chain ({@code AWS_REGION}, which Lambda
     * sets), or {@code us-east-1} when {@link #endpoint()} is set.
     */
    Optional<String> region();

    /** The most objects one prefix may list; a prefix with more is refused with {@code PAYLOAD_TOO_LARGE}. */
    @WithDefault("10000")
    int maxListObjects();
}
