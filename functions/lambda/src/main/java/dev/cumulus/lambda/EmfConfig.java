package dev.cumulus.lambda;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The metrics of the Lambda flavour, written as CloudWatch Embedded Metric Format lines ({@link EmfMeterRegistry}). */
@ConfigMapping(prefix = "cumulus.metrics.emf")
public interface EmfConfig {

    /** Whether the meters are written at all. */
    @WithDefault("true")
    boolean enabled();

    /** The CloudWatch namespace of the metrics. */
    @WithDefault("Cumulus")
    String namespace();

    /** The least time between two writes: one at the end of the first invocation after it has passed. */
    @WithDefault("60S")
    Duration step();
}
