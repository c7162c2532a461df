package dev.cumulus.source.s3;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.cumulus.core.error.InvalidInputException;
import dev.cumulus.core.error.PayloadTooLargeException;
import dev.cumulus.core.source.ObjectStore;
import dev.cumulus.core.source.SourceGuard;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code s3://bucket/key} sources: a ranged {@code GetObject} streamed as it arrives, {@code HeadObject} for the size,
 * and {@code ListObjectsV2} page by page for a prefix. Only allowed buckets are read, and the bucket is checked before
 * the client is even built, so a refused URL costs no request.
 */
public final class S3ObjectStore implements ObjectStore {

    /** The largest page {@code ListObjectsV2} returns. */
    static final int PAGE = 1000;

    private final Set<String> allowedBuckets;
    private final int maxListObjects;
    private final Supplier<S3Client> client;

    /**
     * @param allowedBuckets the buckets sources may name; empty refuses every {@code s3://} source
     * @param maxListObjects the most objects one prefix may list
     * @param client the S3 client, asked for on the first request (building it is the slow part of a cold start)
     */
    public S3ObjectStore(List<String> allowedBuckets, int maxListObjects, Supplier<S3Client> client) {
        if (maxListObjects < 1) {
            throw new IllegalArgumentException("cumulus.sources.s3.max-list-objects must be positive");
        }
        this.allowedBuckets = allowedBuckets.stream().map(b -> b.trim().toLowerCase(Locale.ROOT))
                .filter(b -> !b.isEmpty()).collect(Collectors.toUnmodifiableSet());
        this.maxListObjects = maxListObjects;
        this.client = client;
    }

    @Override
    public String scheme() {
        return "s3";
    }

    @Override
    public URI check(URI uri, boolean prefix) {
        return locate(uri, prefix).uri();
    }

    private S3Location locate(URI uri, boolean prefix) {
        S3Location at = S3Location.parse(uri, prefix);
        if (allowedBuckets.isEmpty()) {
            throw new InvalidInputException(SourceGuard.FIELD, "s3 sources are turned off"
                    + " (cumulus.sources.s3.allowed-buckets is empty), so bucket " + at.bucket() + " is not allowed");
        }
        if (!allowedBuckets.contains(at.bucket())) {
            throw new InvalidInputException(SourceGuard.FIELD, "bucket " + at.bucket()
                    + " is not allowed; add it to cumulus.sources.s3.allowed-buckets");
        }
        return at;
    }

    @Override
    public Body open(URI uri, long from, long lastByte) {
        S3Location at = locate(uri, false);
        GetObjectRequest request = GetObjectRequest.builder().bucket(at.bucket()).key(at.key())
                .range("bytes=" + from + "-" + (lastByte < 0 ? "" : Long.toString(lastByte))).build();
        ResponseInputStream<GetObjectResponse> in;
        try {
            in = client.get().getObject(request);
        } catch (S3Exception e) {
            if (e.statusCode() == 416) {
                return Body.beyondEnd(); // the range starts at or past the end: it owns no line
            }
            throw S3Failures.of(e, at, "read");
        } catch (SdkException e) {
            throw S3Failures.of(e, at, "read");
        }
        GetObjectResponse answer = in.response();
        return new Body(new AbortingStream(in), answer.contentRange(),
                answer.contentLength() == null ? -1 : answer.contentLength(), false);
    }

    @Override
    public long size(URI uri) {
        S3Location at = locate(uri, false);
        try {
            Long length = client.get()
                    .headObject(HeadObjectRequest.builder().bucket(at.bucket()).key(at.key()).build())
                    .contentLength();
            if (length == null) {
                throw S3Failures.noSize(at);
            }
            return length;
        } catch (SdkException e) {
            throw S3Failures.of(e, at, "size");
        }
    }

    @Override
    public List<Entry> list(URI prefix, int max) {
        S3Location at = locate(prefix, true);
        int limit = Math.min(max, maxListObjects);
        List<Entry> found = new ArrayList<>();
        ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(at.bucket()).prefix(at.key())
                .maxKeys(PAGE).build();
        try {
            // the pages come one at a time, so a prefix with too many objects costs one page past the limit
            for (S3Object o : client.get().listObjectsV2Paginator(request).contents()) {
                if (found.size() == limit) {
                    throw new PayloadTooLargeException("prefix " + at + " holds more than " + limit
                            + " objects; at most " + limit + " are read"
                            + (limit == maxListObjects ? " (cumulus.sources.s3.max-list-objects)" : ""));
                }
                found.add(new Entry(new S3Location(at.bucket(), o.key()).uri(), o.size()));
            }
        } catch (SdkException e) {
            throw S3Failures.of(e, at, "list");
        }
        return List.copyOf(found);
    }
}
