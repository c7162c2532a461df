package dev.cumulus.source.s3;

import dev.cumulus.core.error.SourceUnavailableException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns the S3 client's failures into the platform's: a missing object or bucket and a refused access are
 * {@code SOURCE_UNAVAILABLE} like an HTTP source's 404 or 403, a timeout is {@code SOURCE_TIMEOUT}. Messages name the
 * object and S3's error code, never the SDK's own text (which may describe the credential chain).
 */
final class S3Failures {

    private S3Failures() {
    }

    /** @param doing what was asked: read, size, list */
    static SourceUnavailableException of(SdkException e, S3Location at, String doing) {
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return SourceUnavailableException.timedOut("S3 did not answer in time (" + doing + " " + at + ")", e);
        }
        if (e instanceof S3Exception s3) {
            String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
            int status = s3.statusCode();
            if ("NoSuchBucket".equals(code)) {
                return new SourceUnavailableException("no such bucket: " + at.bucket() + " (S3 answered HTTP 404)");
            }
            if (status == 404) {
                return new SourceUnavailableException("no such object: " + at + " (S3 answered HTTP 404)");
            }
            if (status == 403) {
                return new SourceUnavailableException("S3 denied access to " + at + " (HTTP 403"
                        + (code == null ? "" : " " + code) + "); the function's role needs "
                        + ("list".equals(doing) ? "s3:ListBucket on the bucket" : "s3:GetObject on the object"));
            }
            return new SourceUnavailableException("S3 answered HTTP " + status + (code == null ? "" : " " + code)
                    + " to " + doing + " " + at);
        }
        return new SourceUnavailableException("cannot " + doing + " " + at + ": " + e.getClass().getSimpleName(), e);
    }

    static SourceUnavailableException noSize(S3Location at) {
        return new SourceUnavailableException("S3 did not tell the size of " + at);
    }
}
