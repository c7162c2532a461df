package dev.cumulus.core.chunk;

import java.time.Duration;
import java.util.List;

import dev.cumulus.core.error.InvalidInputException;
import dev.cumulus.core.error.PayloadTooLargeException;
import dev.cumulus.core.format.RecordFormat;
import dev.cumulus.core.format.RecordSum;
import dev.cumulus.core.number.ByteRange;
import dev.cumulus.core.number.ExactSum;
import dev.cumulus.core.number.InlineSummer;
import dev.cumulus.core.number.InlineValue;
import dev.cumulus.core.number.NumberLimits;
import dev.cumulus.core.request.CallerConnection;
import dev.cumulus.core.request.SafeId;
import dev.cumulus.core.source.SourceSummer;

/**
 * What {@code sum-chunk} does with a request, wherever it runs: checks it, then sums its inline values or its source
 * range. The function and {@code aggregate}'s in-process invoker both use it, so both apply the same checks and
 * limits.
 */
public final class ChunkSummer {

    /** Longest {@code timeoutMs} accepted: a day, far past any deadline the platform keeps. */
    static final long MAX_TIMEOUT_MS = 86_400_000L;

    private final int maxValues;
    private final NumberLimits limits;
    private final SourceSummer sources;

    /**
     * @param maxValues most inline values in one request
     * @param limits the bounds of one inline number (digits, scale)
     * @param sources sums a source range, within its own limits (bytes per range, line length, number bounds)
     */
    public ChunkSummer(int maxValues, NumberLimits limits, SourceSummer sources) {
        if (maxValues < 1) {
            throw new IllegalArgumentException("maxValues must be positive: " + maxValues);
        }
        this.maxValues = maxValues;
        this.limits = limits;
        this.sources = sources;
    }

    /**
     * @param requestId sent to the source as {@code X-Request-Id}; may be null
     * @param caller reading a source stops when the caller goes away
     */
    public ChunkResult sum(ChunkRequest request, String requestId, CallerConnection caller) {
        if (request == null) {
            throw InvalidInputException.malformed(
                    "the request body is empty; send {\"values\":[...]} or {\"source\":{\"url\":\"...\"}}");
        }
        SafeId.check("jobId", request.jobId());
        if (request.index() != null && request.index() < 0) {
            throw new InvalidInputException("index", "must not be negative");
        }
        if (request.timeoutMs() != null && (request.timeoutMs() < 1 || request.timeoutMs() > MAX_TIMEOUT_MS)) {
            throw new InvalidInputException("timeoutMs", "must be between 1 and " + MAX_TIMEOUT_MS);
        }
        boolean inline = request.values() != null;
        if (inline == (request.source() != null)) {
            throw inline
                    ? new InvalidInputException(null, "give either values or source, not both")
                    : new InvalidInputException(null, "one of values or source is required");
        }
        if (inline && request.format() != null) {
            throw new InvalidInputException("format", "applies to a source only; inline values are numbers");
        }
        RecordSum sum = inline
                ? RecordSum.of(sumValues(request.values()))
                : sumSource(request.source(), request.format(), requestId, request.timeoutMs(), caller);
        return ChunkResult.of(request.jobId(), request.index(), sum.sum(), sum.skipped());
    }

    private ExactSum sumValues(List<InlineValue> values) {
        if (values.size() > maxValues) {
            throw new PayloadTooLargeException("at most " + maxValues + " values per request, got " + values.size()
                    + "; split them or use a source");
        }
        return InlineSummer.sum(values, limits);
    }

    private RecordSum sumSource(SourceRange source, RecordFormat format, String requestId, Long timeoutMs,
            CallerConnection caller) {
        long offset = source.offset() == null ? 0 : source.offset();
        if (offset < 0) {
            throw new InvalidInputException("source.offset", "must not be negative");
        }
        if (source.length() != null && source.length() < 0) {
            throw new InvalidInputException("source.length", "must not be negative");
        }
        return sources.sum(source.url(), new ByteRange(offset, source.length()), format, requestId,
                timeoutMs == null ? null : Duration.ofMillis(timeoutMs), caller);
    }
}
