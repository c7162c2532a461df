package dev.cumulus.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.cumulus.core.number.ByteRange;
import dev.cumulus.core.number.ExactSum;
import dev.cumulus.core.number.LineSummer;

/**
 * The kernel on in-memory lines, free of disk and page-cache effects: integer lines (its hot path) and decimal lines
 * with two fraction digits (the general path), in both {@link LineGenerator.Shape shapes}. Besides passes per second,
 * the {@code bytes} counter gives bytes per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LineSummerBenchmark {

    @Param("1000000")
    int lines;

    @Param({"values", "lengths"})
    String shape;

    private final LineSummer summer = new LineSummer(1024, Long.MAX_VALUE);
    private byte[] integerLines;
    private byte[] decimalLines;

    /** Counts the bytes summed, which JMH reports per second next to the passes. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Bytes {
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
        }
    }

    @Setup
    public void generate() {
        LineGenerator.Shape s = LineGenerator.Shape.of(shape);
        integerLines = generate(new LineGenerator(42, s, 0), lines);
        decimalLines = generate(new LineGenerator(42, s, 2), lines);
    }

    @Benchmark
    public ExactSum integerLines(Bytes counter) throws IOException {
        counter.bytes += integerLines.length;
        return summer.sum(new ByteArrayInputStream(integerLines), new ByteRange(0, null));
    }

    @Benchmark
    public ExactSum decimalLines(Bytes counter) throws IOException {
        counter.bytes += decimalLines.length;
        return summer.sum(new ByteArrayInputStream(decimalLines), new ByteRange(0, null));
    }

    private static byte[] generate(LineGenerator generator, int lines) {
        byte[] out = new byte[lines * LineGenerator.maxLineBytes()];
        int used = 0;
        for (int i = 0; i < lines; i++) {
            used = generator.next(out, used);
        }
        return Arrays.copyOf(out, used);
    }
}
