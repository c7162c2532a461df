package dev.cumulus.aggregate;

import dev.cumulus.aggregate.AggregateResult.ChunkError;
import dev.cumulus.aggregate.AggregateResult.ChunkStats;
import dev.cumulus.aggregate.AggregateResult.FailedChunk;
import dev.cumulus.core.chunk.ChunkRequest;
import dev.cumulus.core.chunk.ChunkResult;
import dev.cumulus.core.chunk.SourceRange;
import dev.cumulus.core.format.RecordFormat;
import dev.cumulus.core.number.InlineValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Types Jackson reads or writes outside Funqy's own parameter and return types, so a native image keeps what it needs
 * of them: the {@code sum-chunk} payloads sent and received (with their record format), the failed chunks listed in
 * an error's details, and the answers of {@code aggregate}, whose declared type is {@code Object} (a result, with each
 * object's, or a job's status).
 */
@RegisterForReflection(targets = {ChunkRequest.class, ChunkResult.class, SourceRange.class, InlineValue.class,
        InlineValue.Reader.class, InlineValue.Writer.class, ChunkStats.class, FailedChunk.class, ChunkError.class,
        AggregateResult.class, AggregateResult.Status.class, AggregateResult.ObjectResult.class,
        AggregateRequest.class, AggregateRequest.Source.class, RecordFormat.class})
final class ReflectionTargets {

    private ReflectionTargets() {
    }
}
