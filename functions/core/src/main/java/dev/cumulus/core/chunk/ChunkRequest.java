package dev.cumulus.core.chunk;

import java.util.List;

import dev.cumulus.core.number.InlineValue;

/**
 * The input of {@code sum-chunk}: either inline {@code values} or a {@code source} byte range, with the optional
 * {@code jobId} and {@code index} that {@code aggregate} sets and gets back.
 */
public record ChunkRequest(String jobId, Integer index, List<InlineValue> values, SourceRange source) {

    public static ChunkRequest ofValues(String jobId, Integer index, List<InlineValue> values) {
        return new ChunkRequest(jobId, index, values, null);
    }

    public static ChunkRequest ofSource(String jobId, Integer index, SourceRange source) {
        return new ChunkRequest(jobId, index, null, source);
    }
}
