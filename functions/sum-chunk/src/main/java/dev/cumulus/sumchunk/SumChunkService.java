package dev.cumulus.sumchunk;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.cumulus.core.chunk.ChunkLimits;
import dev.cumulus.core.chunk.ChunkRequest;
import dev.cumulus.core.chunk.ChunkResult;
import dev.cumulus.core.chunk.SourceRange;
import dev.cumulus.core.error.InvalidInputException;
import dev.cumulus.core.error.PayloadTooLargeException;
import dev.cumulus.core.number.ByteRange;
import dev.cumulus.core.number.ExactSum;
import dev.cumulus.core.number.InlineSummer;
import dev.cumulus.core.number.InlineValue;
import dev.cumulus.core.number.LineSummer;
import dev.cumulus.core.number.NumberLimits;
import dev.cumulus.core.source.SourceConfig;
import dev.cumulus.core.source.SourceGuard;
import dev.cumulus.core.source.SourceReader;
import dev.cumulus.core.source.SourceSummer;

/** Checks a {@code sum-chunk} request and sums its inline values or its source range. */
@ApplicationScoped
public class SumChunkService {

    private static final Logger LOG = Logger.getLogger(SumChunkService.class);

    private final int maxValues;
    private final SourceSummer sources;
    private final NumberLimits limits;

    @Inject
    SumChunkService(ChunkLimits config, SourceConfig sourceConfig, SourceGuard guard, SourceReader reader,
            NumberLimits limits) {
        this(config.maxValues(), new SourceSummer(guard, reader,
                new LineSummer(sourceConfig.maxLineLength(), config.maxRangeBytes().asLongValue(), limits)), limits);
    }

    SumChunkService(int maxValues, SourceSummer sources, NumberLimits limits) {
        this.maxValues = maxValues;
        this.sources = sources;
        this.limits = limits;
    }

    public ChunkResult sum(ChunkRequest request) {
        if (request == null) {
            throw InvalidInputException.malformed(
                    "the request body is empty; send {\"values\":[...]} or {\"source\":{\"url\":\"...\"}}");
        }
        if (request.index() != null && request.index() < 0) {
            throw new InvalidInputException("index", "must not be negative");
        }
        boolean inline = request.values() != null;
        if (inline == (request.source() != null)) {
            throw inline
                    ? new InvalidInputException(null, "give either values or source, not both")
                    : new InvalidInputException(null, "one of values or source is required");
        }
        long started = System.nanoTime();
        ExactSum sum = inline ? sumValues(request.values()) : sumSource(request.source(), request.jobId());
        LOG.infof("summed jobId=%s index=%s input=%s count=%d durationMs=%.1f", request.jobId(), request.index(),
                inline ? "values" : "source", sum.count(), (System.nanoTime() - started) / 1e6);
        return ChunkResult.of(request.jobId(), request.index(), sum);
    }

    private ExactSum sumValues(List<InlineValue> values) {
        if (values.size() > maxValues) {
            throw new PayloadTooLargeException("at most " + maxValues + " values per request, got " + values.size()
                    + "; split them or use a source");
        }
        return InlineSummer.sum(values, limits);
    }

    private ExactSum sumSource(SourceRange source, String jobId) {
        long offset = source.offset() == null ? 0 : source.offset();
        if (offset < 0) {
            throw new InvalidInputException("source.offset", "must not be negative");
        }
        if (source.length() != null && source.length() < 0) {
            throw new InvalidInputException("source.length", "must not be negative");
        }
        return sources.sum(source.url(), new ByteRange(offset, source.length()), jobId);
    }
}
