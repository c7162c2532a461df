package dev.cumulus.sumchunk;

import jakarta.inject.Inject;

import dev.cumulus.core.chunk.ChunkRequest;
import dev.cumulus.core.chunk.ChunkResult;
import io.quarkus.funqy.Funq;

/** The {@code sum-chunk} function: the only class that knows Funqy. */
public class SumChunkFunction {

    @Inject
    SumChunkService service;

    @Funq("sum-chunk")
    public ChunkResult sumChunk(ChunkRequest request) {
        return service.sum(request);
    }
}
