package dev.cumulus.core.chunk;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What one {@code sum-chunk} call accepts: {@code cumulus.sum-chunk.*}. {@code sum-chunk} enforces these limits, and
 * {@code aggregate} reads the same keys to bound the chunks it plans, so one setting governs both.
 */
@ConfigMapping(prefix = "cumulus.sum-chunk")
public interface ChunkLimits {

    /** Most inline values in one request; also the largest {@code chunkSize} of an {@code aggregate} job. */
    @WithDefault("100000")
    int maxValues();

    /** Most bytes one source range may own; also the largest {@code chunkBytes} of an {@code aggregate} job. */
    @WithDefault("1G")
    MemorySize maxRangeBytes();

    /**
     * Most bytes a gzip source may decompress to; such an object is read whole by one range, and past this it is
     * refused ({@code PAYLOAD_TOO_LARGE}), so a small object that inflates without end costs bounded work. The
     * default is {@link dev.cumulus.core.source.SourceSummer#DEFAULT_MAX_DECOMPRESSED_BYTES}.
     */
    @WithDefault("4G")
    MemorySize maxDecompressedBytes();
}
