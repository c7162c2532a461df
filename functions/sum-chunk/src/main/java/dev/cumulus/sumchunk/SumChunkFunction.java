package dev.cumulus.sumchunk;

import jakarta.inject.Inject;

import dev.cumulus.core.chunk.ChunkRequest;
import dev.cumulus.core.chunk.ChunkResult;
import dev.cumulus.tracing.ServerSpan;
import dev.cumulus.tracing.ServerSpans;
import io.quarkus.funqy.Funq;

/** The {@code sum-chunk} function: the only class that knows Funqy. */
public class SumChunkFunction {

    @Inject
    SumChunkService service;

    @Inject
    ServerSpans spans;

    /** Sums the chunk in a span that continues the caller's trace (an {@code aggregate} chunk call's span). */
    @Funq("sum-chunk")
    public ChunkResult sumChunk(ChunkRequest request) {
        ServerSpan span = spans.start("sum-chunk");
        try {
            return span.ended(service.sum(request));
        } catch (RuntimeException e) {
            throw span.failed(e);
        }
    }
}
