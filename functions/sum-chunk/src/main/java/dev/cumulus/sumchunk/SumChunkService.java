package dev.cumulus.sumchunk;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.cumulus.core.chunk.ChunkLimits;
import dev.cumulus.core.chunk.ChunkRequest;
import dev.cumulus.core.chunk.ChunkResult;
import dev.cumulus.core.chunk.ChunkSummer;
import dev.cumulus.core.number.LineSummer;
import dev.cumulus.core.number.NumberLimits;
import dev.cumulus.core.request.CallerConnection;
import dev.cumulus.core.source.SourceConfig;
import dev.cumulus.core.source.SourceGuard;
import dev.cumulus.core.source.SourceReader;
import dev.cumulus.core.source.SourceSummer;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sums a {@code sum-chunk} request with the shared {@link ChunkSummer}, and logs it. Reading a source stops when the
 * caller goes away, where the transport can tell (over HTTP). Each chunk summed is measured ({@link SumChunkMetrics}).
 */
@ApplicationScoped
public class SumChunkService {

    private static final Logger LOG = Logger.getLogger(SumChunkService.class);

    private final ChunkSummer summer;
    private final CallerConnection caller;
    private final SumChunkMetrics metrics;

    @Inject
    SumChunkService(ChunkLimits config, NumberLimits limits, SourceConfig sourceConfig, SourceGuard guard,
            SourceReader reader, Instance<CallerConnection> caller, MeterRegistry registry) {
        this(new ChunkSummer(config.maxValues(), limits, new SourceSummer(guard, reader,
                new LineSummer(sourceConfig.maxLineLength(), config.maxRangeBytes().asLongValue(), limits),
                config.maxDecompressedBytes().asLongValue())),
                caller.isResolvable() ? caller.get() : CallerConnection.NONE, new SumChunkMetrics(registry));
    }

    SumChunkService(ChunkSummer summer, CallerConnection caller, SumChunkMetrics metrics) {
        this.summer = summer;
        this.caller = caller;
        this.metrics = metrics;
    }

    public ChunkResult sum(ChunkRequest request) {
        long started = System.nanoTime();
        // the job id, checked by the summer before any use, names the read to the source
        ChunkResult result = summer.sum(request, request == null ? null : request.jobId(), caller);
        long took = System.nanoTime() - started;
        metrics.summed(SumChunkMetrics.Input.of(request), took, result.count());
        LOG.infof("summed jobId=%s index=%s input=%s count=%d durationMs=%.1f", result.jobId(), result.index(),
                request.values() != null ? "values" : request.format() == null ? "source" : request.format().type(),
                result.count(), took / 1e6);
        return result;
    }
}
