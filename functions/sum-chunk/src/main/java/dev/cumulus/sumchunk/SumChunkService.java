package dev.cumulus.sumchunk;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import dev.cumulus.core.chunk.ChunkLimits;
import dev.cumulus.core.chunk.ChunkRequest;
import dev.cumulus.core.chunk.ChunkResult;
import dev.cumulus.core.chunk.ChunkSummer;
import dev.cumulus.core.log.LogFields;
import dev.cumulus.core.number.LineSummer;
import dev.cumulus.core.number.NumberLimits;
import dev.cumulus.core.request.CallerConnection;
import dev.cumulus.core.request.RequestLine;
import dev.cumulus.core.source.SourceConfig;
import dev.cumulus.core.source.SourceGuard;
import dev.cumulus.core.source.SourceReader;
import dev.cumulus.core.source.SourceSummer;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sums a {@code sum-chunk} request with the shared {@link ChunkSummer}, and adds what it summed to the request's log
 * line. Reading a source stops when the caller goes away, where the transport can tell (over HTTP). Each chunk summed
 * is measured ({@link SumChunkMetrics}).
 */
@ApplicationScoped
public class SumChunkService {

    private final ChunkSummer summer;
    private final CallerConnection caller;
    private final RequestLine line;
    private final SumChunkMetrics metrics;

    @Inject
    SumChunkService(ChunkLimits config, NumberLimits limits, SourceConfig sourceConfig, SourceGuard guard,
            SourceReader reader, Instance<CallerConnection> caller, RequestLine line, MeterRegistry registry) {
        this(new ChunkSummer(config.maxValues(), limits, new SourceSummer(guard, reader,
                new LineSummer(sourceConfig.maxLineLength(), config.maxRangeBytes().asLongValue(), limits),
                config.maxDecompressedBytes().asLongValue())),
                caller.isResolvable() ? caller.get() : CallerConnection.NONE, line, new SumChunkMetrics(registry));
    }

    SumChunkService(ChunkSummer summer, CallerConnection caller, RequestLine line, SumChunkMetrics metrics) {
        this.summer = summer;
        this.caller = caller;
        this.line = line;
        this.metrics = metrics;
    }

    public ChunkResult sum(ChunkRequest request) {
        LogFields fields = line.open();
        ChunkResult result = sum(request, fields);
        line.close(fields);
        return result;
    }

    /** Sums, adding what was summed to {@code fields}: those of a request's line that its transport writes. */
    public ChunkResult sum(ChunkRequest request, LogFields fields) {
        long started = System.nanoTime();
        // the job id, checked by the summer before any use, names the read to the source
        ChunkResult result = summer.sum(request, request == null ? null : request.jobId(), caller);
        long took = System.nanoTime() - started;
        metrics.summed(SumChunkMetrics.Input.of(request), took, result.count());
        fields.put("jobId", result.jobId()).put("index", result.index())
                .put("input", request.values() != null
                        ? "values"
                        : request.format() == null ? "source" : request.format().type())
                .put("count", result.count()).put("sumMs", LogFields.millis(took));
        return result;
    }
}
