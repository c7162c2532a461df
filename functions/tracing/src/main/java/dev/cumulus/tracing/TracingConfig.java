package dev.cumulus.tracing;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Whether and where a function sends its spans: {@code cumulus.tracing.*}. */
@ConfigMapping(prefix = "cumulus.tracing")
public interface TracingConfig {

    /**
     * The base URL of an OTLP/HTTP receiver (a collector), such as {@code http://otel-collector:4318}; spans are
     * posted to {@code <url>/v1/traces}. Without it (nor {@code OTEL_EXPORTER_OTLP_ENDPOINT}) tracing is off: no span
     * is recorded, nothing is exported, no thread is started.
     */
    Optional<String> otlpEndpoint();

    /** The {@code service.name} of the spans; by default the function's name ({@code quarkus.funqy.export}). */
    Optional<String> serviceName();

    /** The spans waiting to be exported at most; past it new spans are dropped (and counted by the SDK). */
    @WithDefault("2048")
    int maxQueueSize();

    /** How long one export (a batch, or the last flush on shutdown) may take before it is given up. */
    @WithDefault("5S")
    Duration exportTimeout();
}
