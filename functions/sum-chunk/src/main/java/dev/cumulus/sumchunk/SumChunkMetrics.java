package dev.cumulus.sumchunk;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.cumulus.core.chunk.ChunkRequest;
import dev.cumulus.core.format.RecordFormat;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The meters of {@code sum-chunk}: how long each chunk summed took and how many values it counted, by the kind of its
 * input ({@code values}, {@code lines}, {@code csv}, {@code jsonl}). The meters are made once, one per kind, so a
 * request records without building tags.
 */
final class SumChunkMetrics {

    /** The kinds of input; a tag value is the lower-case name, never text from the request. */
    enum Input {
        VALUES, LINES, CSV, JSONL;

        static Input of(ChunkRequest request) {
            if (request.values() != null) {
                return VALUES;
            }
            RecordFormat format = request.format();
            if (format == null) {
                return LINES;
            }
            return switch (format.kind()) {
                case LINES -> LINES;
                case CSV -> CSV;
                case JSONL -> JSONL;
            };
        }

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The span of the duration histogram's buckets. */
    private static final Duration MIN = Duration.ofMillis(1);
    private static final Duration MAX = Duration.ofSeconds(60);

    private final Map<Input, Timer> durations = new EnumMap<>(Input.class);
    private final Map<Input, DistributionSummary> values = new EnumMap<>(Input.class);

    SumChunkMetrics(MeterRegistry registry) {
        for (Input input : Input.values()) {
            durations.put(input, Timer.builder("cumulus.sumchunk.duration")
                    .description("Time to sum one chunk, by kind of input").tag("input", input.tag())
                    .publishPercentileHistogram().minimumExpectedValue(MIN).maximumExpectedValue(MAX)
                    .register(registry));
            values.put(input, DistributionSummary.builder("cumulus.sumchunk.values")
                    .description("Values counted in one chunk, by kind of input").tag("input", input.tag())
                    .register(registry));
        }
    }

    /** A chunk of {@code input} summed in {@code nanos}, counting {@code count} values. */
    void summed(Input input, long nanos, long count) {
        durations.get(input).record(nanos, TimeUnit.NANOSECONDS);
        values.get(input).record(count);
    }
}
