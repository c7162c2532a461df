package dev.cumulus.aggregate.testing;

import java.util.HashMap;
import java.util.Map;

/**
 * The packaged {@code sum-chunk} as a process of its own (see {@link SumChunkProcessResource}), and {@code aggregate}
 * with the production bounds on chunks, which the other tests lower to cut tiny files finely, and a breaker that
 * opens after a few failures, so that a failure wrongly charged to {@code sum-chunk} shows at once.
 */
public class HostileSetupResource extends SumChunkProcessResource {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("cumulus.aggregate.min-chunk-bytes", "64K");
        config.put("cumulus.aggregate.min-chunk-size", "100");
        config.put("cumulus.aggregate.max-chunks", "10000");
        config.put("cumulus.aggregate.circuit-breaker.request-volume-threshold", "4");
        config.put("cumulus.aggregate.circuit-breaker.failure-ratio", "0.5");
        config.put("cumulus.aggregate.circuit-breaker.delay", "10M");
        return config;
    }
}
