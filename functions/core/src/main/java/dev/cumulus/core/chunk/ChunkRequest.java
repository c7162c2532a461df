package dev.cumulus.core.chunk;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.cumulus.core.number.InlineValue;

/**
 * The input of {@code sum-chunk}: either inline {@code values} or a {@code source} byte range, with the optional
 * {@code jobId} and {@code index} that {@code aggregate} sets and gets back, and the optional {@code timeoutMs}: how
 * long the caller waits for the answer, so that reading a source stops by then.
 */
public record ChunkRequest(String jobId, Integer index, List<InlineValue> values, SourceRange source,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long timeoutMs) {

    public ChunkRequest(String jobId, Integer index, List<InlineValue> values, SourceRange source) {
        this(jobId, index, values, source, null);
    }

    public static ChunkRequest ofValues(String jobId, Integer index, List<InlineValue> values) {
        return new ChunkRequest(jobId, index, values, null, null);
    }

    public static ChunkRequest ofSource(String jobId, Integer index, SourceRange source) {
        return new ChunkRequest(jobId, index, null, source, null);
    }

    /** The same request from a caller that waits at most {@code timeout}, in whole milliseconds (at least one). */
    public ChunkRequest withTimeout(Duration timeout) {
        return new ChunkRequest(jobId, index, values, source, Math.max(1, timeout.toMillis()));
    }
}
