package dev.cumulus.lambda;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Statistic;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A registry that writes its meters as CloudWatch Embedded Metric Format lines, so CloudWatch makes metrics of the
 * function's log without an agent. Lambda freezes the process between invocations, so no thread of its own publishes:
 * {@link #publishIfDue} runs at the end of each invocation and writes when a step has passed since the last write,
 * and {@link #close} writes what is left at shutdown. Each write holds what happened since the one before: the
 * increase of each count and total, and the current value of each gauge and maximum; a meter that counted nothing
 * since is left out. The meters' tags are the dimensions.
 */
public final class EmfMeterRegistry extends SimpleMeterRegistry {

    private final EmfWriter writer;
    private final long stepNanos;
    private final Consumer<String> out;
    private final Map<Meter.Id, double[]> written = new HashMap<>();
    private long lastWrite;

    /** @param out where each line goes: standard output, where Lambda sends it to CloudWatch Logs */
    public EmfMeterRegistry(String namespace, Duration step, Clock clock, Consumer<String> out) {
        super(SimpleConfig.DEFAULT, clock);
        if (step.isNegative()) {
            throw new IllegalArgumentException("the step must not be negative: " + step);
        }
        this.writer = new EmfWriter(namespace);
        this.stepNanos = step.toNanos();
        this.out = out;
        this.lastWrite = clock.monotonicTime();
    }

    /** Writes when a step has passed since the last write. */
    public void publishIfDue() {
        if (clock.monotonicTime() - lastWrite >= stepNanos) {
            publish();
        }
    }

    /** Writes what happened since the last write. */
    public synchronized void publish() {
        lastWrite = clock.monotonicTime();
        List<EmfWriter.Value> values = new ArrayList<>();
        for (Meter meter : getMeters()) {
            collect(meter, values);
        }
        writer.render(values, clock.wallTime()).forEach(out);
    }

    private void collect(Meter meter, List<EmfWriter.Value> values) {
        List<Measurement> measurements = new ArrayList<>();
        meter.measure().forEach(measurements::add);
        double[] before = written.computeIfAbsent(meter.getId(), id -> new double[measurements.size()]);
        if (before.length != measurements.size()) {
            return; // a meter that changes the number of its measurements is none of ours
        }
        boolean cumulative = false;
        boolean changed = false;
        double[] now = new double[measurements.size()];
        for (int i = 0; i < now.length; i++) {
            now[i] = measurements.get(i).getValue();
            if (isCumulative(measurements.get(i).getStatistic())) {
                cumulative = true;
                changed |= now[i] != before[i];
            }
        }
        if (cumulative && !changed) {
            return;
        }
        SortedMap<String, String> dimensions = new TreeMap<>();
        for (Tag t : meter.getId().getTagsAsIterable()) {
            dimensions.put(t.getKey(), t.getValue());
        }
        for (int i = 0; i < now.length; i++) {
            Statistic statistic = measurements.get(i).getStatistic();
            double value = isCumulative(statistic) ? now[i] - before[i] : now[i];
            if (Double.isFinite(value)) {
                values.add(new EmfWriter.Value(name(meter, statistic, now.length), unit(meter, statistic), value,
                        dimensions));
            }
        }
        System.arraycopy(now, 0, before, 0, now.length);
    }

    @Override
    public void close() {
        if (!isClosed()) {
            publish();
        }
        super.close();
    }

    private static boolean isCumulative(Statistic s) {
        return s == Statistic.COUNT || s == Statistic.TOTAL || s == Statistic.TOTAL_TIME;
    }

    /** A meter of one value keeps its name; one of several gets a suffix per value: .count, .sum, .max ... */
    private static String name(Meter meter, Statistic statistic, int measurements) {
        String name = meter.getId().getName();
        if (measurements == 1) {
            return name;
        }
        return name + "." + switch (statistic) {
            case TOTAL, TOTAL_TIME -> "sum";
            default -> statistic.getTagValueRepresentation();
        };
    }

    private static String unit(Meter meter, Statistic statistic) {
        return switch (statistic) {
            case COUNT -> "Count";
            case TOTAL_TIME, DURATION -> "Seconds";
            case MAX, VALUE, TOTAL -> meter.getId().getType() == Meter.Type.TIMER ? "Seconds" : "None";
            default -> "None";
        };
    }
}
