package dev.cumulus.aggregate;

import java.util.List;

import dev.cumulus.core.number.InlineValue;

/**
 * The input of {@code aggregate}: inline {@code values} cut into slices of {@code chunkSize}, or a {@code source}
 * object cut into byte ranges of {@code chunkBytes}. The other fields are optional and bounded by configuration.
 */
public record AggregateRequest(String jobId, List<InlineValue> values, Integer chunkSize, Source source,
        Long chunkBytes, Integer maxConcurrency, Long timeoutMs, Integer toleratedFailures) {

    /** The object to sum, one number per line. */
    public record Source(String url) {
    }
}
