package dev.cumulus.web;

import java.time.Duration;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Latency histograms of the HTTP server's requests ({@code http.server.requests}), so that percentiles can be computed
 * across instances (Prometheus' {@code histogram_quantile}). The buckets span 1 ms to 60 s: about 70 per series.
 */
@Singleton
public class HttpMetrics {

    static final String SERVER_REQUESTS = "http.server.requests";

    @Produces
    @Singleton
    MeterFilter serverRequestHistograms() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!SERVER_REQUESTS.equals(id.getName())) {
                    return config;
                }
                return DistributionStatisticConfig.builder().percentilesHistogram(true)
                        .minimumExpectedValue((double) Duration.ofMillis(1).toNanos())
                        .maximumExpectedValue((double) Duration.ofSeconds(60).toNanos()).build().merge(config);
            }
        };
    }
}
