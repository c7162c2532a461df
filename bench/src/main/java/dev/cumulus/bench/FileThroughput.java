package dev.cumulus.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import dev.cumulus.core.number.ByteRange;
import dev.cumulus.core.number.ExactSum;
import dev.cumulus.core.number.LineSummer;

/**
 * Sums one file through {@link LineSummer} on one thread, the way {@code sum-chunk} reads a {@code file:} source, and
 * reports the best of several timed passes after warm-up passes: {@code FileThroughput <file> [runs] [warmups]}.
 *
 * <p>
 * Results go to standard output as {@code key=value} lines for {@code kernel-throughput.sh}; progress goes to standard
 * error. The timings leave out JVM start-up: the kernel runs inside a long-lived function, so start-up is not its cost.
 * As a check of exactness that does not lean on the whole-file pass, the file is also summed as two ranges split
 * mid-line and merged, which must give the identical summary.
 */
public final class FileThroughput {

    /** The production default of {@code cumulus.sources.max-line-length}. */
    private static final int MAX_LINE_LENGTH = 1024;

    private final Path file;
    private final LineSummer summer = new LineSummer(MAX_LINE_LENGTH, Long.MAX_VALUE);

    private FileThroughput(Path file) {
        this.file = file;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: FileThroughput <file> [runs] [warmups]");
            System.exit(2);
        }
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int warmups = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        if (runs < 1 || warmups < 0) {
            System.err.println("runs must be at least 1 and warmups at least 0");
            System.exit(2);
        }
        new FileThroughput(Path.of(args[0])).report(runs, warmups);
    }

    private void report(int runs, int warmups) throws IOException {
        long bytes = Files.size(file);
        ExactSum whole = null;
        for (int i = 1; i <= warmups; i++) {
            long t = System.nanoTime();
            whole = sum(new ByteRange(0, null));
            System.err.printf("  kernel warm-up %d/%d: %.0f MB/s%n", i, warmups,
                    mbPerSecond(bytes, System.nanoTime() - t));
        }
        long best = Long.MAX_VALUE;
        for (int i = 1; i <= runs; i++) {
            long t = System.nanoTime();
            whole = sum(new ByteRange(0, null));
            long elapsed = System.nanoTime() - t;
            best = Math.min(best, elapsed);
            System.err.printf("  kernel run %d/%d: %.0f MB/s%n", i, runs, mbPerSecond(bytes, elapsed));
        }

        // a split point off the middle, inside a line unless by chance, so the ownership rule is exercised too
        long half = bytes / 2 + 3;
        ExactSum split = sum(new ByteRange(0, half)).merge(sum(new ByteRange(half, null)));

        System.out.println("bytes=" + bytes);
        System.out.println("count=" + whole.count());
        System.out.println("sum=" + whole.sum().toPlainString());
        System.out.println("min=" + (whole.min() == null ? "" : whole.min().toPlainString()));
        System.out.println("max=" + (whole.max() == null ? "" : whole.max().toPlainString()));
        System.out.println("split_sum=" + split.sum().toPlainString());
        System.out.println("split_identical=" + split.equals(whole));
        System.out.printf("best_seconds=%.4f%n", best / 1e9);
        System.out.printf("mb_per_s=%.1f%n", mbPerSecond(bytes, best));
    }

    private ExactSum sum(ByteRange range) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.position(range.readStart());
            InputStream in = Channels.newInputStream(channel);
            return summer.sum(in, range);
        }
    }

    private static double mbPerSecond(long bytes, long nanos) {
        return bytes / 1e6 / (nanos / 1e9);
    }
}
