package dev.cumulus.sumchunk;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of one {@code sum-chunk} call: {@code cumulus.sum-chunk.*}. */
@ConfigMapping(prefix = "cumulus.sum-chunk")
public interface SumChunkConfig {

    /** Most inline values in one request. */
    @WithDefault("100000")
    int maxValues();

    /** Most bytes one source range may own. */
    @WithDefault("1G")
    MemorySize maxRangeBytes();
}
