package dev.cumulus.core.chunk;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.cumulus.core.format.RecordFormat;
import dev.cumulus.core.number.InlineValue;

/**
 * The input of {@code sum-chunk}: either inline {@code values} or a {@code source} byte range, with the optional
 * {@code jobId} and {@code index} that {@code aggregate} sets and gets back, the optional {@code timeoutMs}: how long
 * the caller waits for the answer, so that reading a source stops by then, and the optional {@code format} of the
 * source's records (one number per line when absent; see {@link RecordFormat}).
 */
public record ChunkRequest(String jobId, Integer index, List<InlineValue> values, SourceRange source,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long timeoutMs,
        @JsonInclude(JsonInclude.Include.NON_NULL) RecordFormat format) {

    public ChunkRequest(String jobId, Integer index, List<InlineValue> values, SourceRange source, Long timeoutMs) {
        this(jobId, index, values, source, timeoutMs, null);
    }

    public ChunkRequest(String jobId, Integer index, List<InlineValue> values, SourceRange source) {
        this(jobId, index, values, source, null, null);
    }

    public static ChunkRequest ofValues(String jobId, Integer index, List<InlineValue> values) {
        return new ChunkRequest(jobId, index, values, null, null, null);
    }

    public static ChunkRequest ofSource(String jobId, Integer index, SourceRange source) {
        return new ChunkRequest(jobId, index, null, source, null, null);
    }

    /** A source range whose records are in {@code format} ({@code null}: one number per line). */
    public static ChunkRequest ofSource(String jobId, Integer index, SourceRange source, RecordFormat format) {
        return new ChunkRequest(jobId, index, null, source, null, format);
    }

    /** The same request from a caller that waits at most {@code timeout}, in whole milliseconds (at least one). */
    public ChunkRequest withTimeout(Duration timeout) {
        return new ChunkRequest(jobId, index, values, source, Math.max(1, timeout.toMillis()), format);
    }
}
