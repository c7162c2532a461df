package dev.cumulus.aggregate;

import java.util.Collections;
import java.util.List;

import dev.cumulus.core.format.RecordFormat;
import dev.cumulus.core.number.InlineValue;

/**
 * The input of {@code aggregate}: inline {@code values} cut into slices of {@code chunkSize}, or source objects cut
 * into byte ranges of {@code chunkBytes}: one {@code source}, or a list of {@code sources}, each an object or a prefix
 * of an object store ({@code s3://bucket/prefix/}) that stands for every object under it, read in the {@code format}
 * of {@code sum-chunk} (lines of numbers, a CSV column, a JSON Lines field), which every chunk is sent. The other
 * fields are optional and bounded by configuration.
 *
 * <p>
 * Without {@code action} the job runs while the call waits, and the call answers its result. With an action the call
 * is about a submitted job (see {@link dev.cumulus.aggregate.job.JobAction}): {@code submit} (this request, answered at
 * once with the job's status), {@code status}, {@code cancel}, {@code redrive} (of {@code jobId}), and {@code run}, by
 * which the platform asks an instance to take up the job {@code jobId} of {@code owner}.
 *
 * <p>
 * {@code authorization} is the caller's {@code Authorization} header where the transport puts it in the event (API
 * Gateway on Lambda); over HTTP the header itself is read.
 */
public record AggregateRequest(String jobId, List<InlineValue> values, Integer chunkSize, Source source,
        List<Source> sources, RecordFormat format, Long chunkBytes, Integer maxConcurrency, Long timeoutMs,
        Integer toleratedFailures,
        String action,
        String owner, String authorization) {

    /** An object to sum, or a prefix of objects. */
    public record Source(String url) {
    }

    /** The URLs of the objects and prefixes to sum, or {@code null} for a job of inline values. */
    public List<String> sourceUrls() {
        if (source != null) {
            return Collections.singletonList(source.url());
        }
        return sources == null ? null : sources.stream().map(s -> s == null ? null : s.url()).toList();
    }

    /** The same job request without the fields that say what to do with it, as a job keeps it. */
    public AggregateRequest asJob(String id) {
        return new AggregateRequest(id, values, chunkSize, source, sources, format, chunkBytes, maxConcurrency,
                timeoutMs,
                toleratedFailures, null, null, null);
    }
}
