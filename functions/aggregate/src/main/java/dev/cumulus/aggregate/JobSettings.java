package dev.cumulus.aggregate;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.cumulus.core.chunk.ChunkLimits;
import dev.cumulus.core.error.InvalidInputException;
import dev.cumulus.core.error.PayloadTooLargeException;
import dev.cumulus.core.request.SafeId;

/**
 * The checked settings of one job: the request's own values within the configured bounds, or the configured
 * defaults. Chunks are bounded below (so a request cannot make more calls than its data warrants) and above (by what
 * one {@code sum-chunk} call accepts, {@link ChunkLimits}). The job id is the request's, else the incoming request id, else a new UUID.
 */
public record JobSettings(String jobId, int chunkSize, long chunkBytes, int maxConcurrency, Duration timeout,
        int toleratedFailures) {

    static JobSettings check(AggregateRequest r, AggregateConfig c, ChunkLimits limits,
            Optional<String> incomingRequestId) {
        return check(r, c, limits, incomingRequestId, c.timeout(), c.maxTimeout());
    }

    /**
     * The settings of a job with its own default and longest deadline: a submitted job may run far longer than a
     * call may wait.
     */
    public static JobSettings check(AggregateRequest r, AggregateConfig c, ChunkLimits limits,
            Optional<String> incomingRequestId, Duration defaultTimeout, Duration maxTimeout) {
        if (r == null) {
            throw InvalidInputException.malformed(
                    "the request body is empty; send {\"values\":[...]} or {\"source\":{\"url\":\"...\"}}");
        }
        if (r.owner() != null) {
            throw new InvalidInputException("owner", "is set by the platform, only for the run action");
        }
        boolean inline = r.values() != null;
        int given = (inline ? 1 : 0) + (r.source() != null ? 1 : 0) + (r.sources() != null ? 1 : 0);
        if (given != 1) {
            throw new InvalidInputException(null, given == 0
                    ? "one of values, source or sources is required"
                    : "give one of values, source or sources, not more");
        }
        if (r.sources() != null) {
            checkSources(r.sources(), c.maxObjects());
        }
        if (r.format() != null) {
            if (inline) {
                throw new InvalidInputException("format", "applies to a source; inline values are numbers already");
            }
            r.format().check(); // before any source is asked, as sum-chunk would refuse every chunk
        }
        if (inline && r.chunkBytes() != null) {
            throw new InvalidInputException("chunkBytes", "applies to a source; inline values use chunkSize");
        }
        if (!inline && r.chunkSize() != null) {
            throw new InvalidInputException("chunkSize", "applies to inline values; a source uses chunkBytes");
        }
        int chunkSize = within("chunkSize", r.chunkSize(), c.chunkSize(), minChunkSize(r, c), limits.maxValues())
                .intValue();
        long chunkBytes = within("chunkBytes", r.chunkBytes(), c.chunkBytes().asLongValue(),
                c.minChunkBytes().asLongValue(), limits.maxRangeBytes().asLongValue());
        int concurrency = within("maxConcurrency", r.maxConcurrency(), c.maxConcurrency(), 1,
                c.maxConcurrencyLimit()).intValue();
        long timeoutMs = within("timeoutMs", r.timeoutMs(), defaultTimeout.toMillis(), 1, maxTimeout.toMillis());
        int tolerated = within("toleratedFailures", r.toleratedFailures(), 0, 0, Integer.MAX_VALUE).intValue();
        String jobId = r.jobId() != null
                ? SafeId.check("jobId", r.jobId())
                : incomingRequestId.orElseGet(() -> UUID.randomUUID().toString());
        return new JobSettings(jobId, chunkSize, chunkBytes, concurrency, Duration.ofMillis(timeoutMs), tolerated);
    }

    /** A list of sources names at least one, and no more than a job may read; each is an object to read. */
    private static void checkSources(List<AggregateRequest.Source> sources, int maxObjects) {
        if (sources.isEmpty()) {
            throw new InvalidInputException("sources", "must name at least one object or prefix");
        }
        if (sources.size() > maxObjects) {
            throw new PayloadTooLargeException("sources names " + sources.size()
                    + " objects; a job may read at most " + maxObjects + " (cumulus.aggregate.max-objects)");
        }
        for (int i = 0; i < sources.size(); i++) {
            AggregateRequest.Source s = sources.get(i);
            if (s == null || s.url() == null || s.url().isBlank()) {
                throw new InvalidInputException("sources[" + i + "].url", "is required");
            }
        }
    }

    /**
     * A job of more values than the configured minimum sends at least that many per call; a smaller one may be cut
     * as finely as asked, since it cannot make more calls than it has values.
     */
    private static long minChunkSize(AggregateRequest r, AggregateConfig c) {
        return r.values() != null && r.values().size() <= c.minChunkSize() ? 1 : c.minChunkSize();
    }

    private static Long within(String field, Number given, long fallback, long min, long max) {
        long value = given == null ? fallback : given.longValue();
        if (value < min || value > max) {
            throw new InvalidInputException(field, "must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

}
