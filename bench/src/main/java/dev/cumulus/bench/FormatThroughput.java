package dev.cumulus.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import dev.cumulus.core.format.RecordFormat;
import dev.cumulus.core.format.RecordSummer;
import dev.cumulus.core.number.ByteRange;
import dev.cumulus.core.number.ExactSum;
import dev.cumulus.core.number.LineSummer;
import dev.cumulus.core.number.NumberLimits;

/**
 * The same random numbers as one number per line, as a CSV column and as a JSON Lines field, each summed on one
 * thread by the kernel {@code sum-chunk} runs for its format, best of several passes after warm-ups:
 * {@code FormatThroughput <dir> <values> [runs] [warmups]}.
 *
 * <p>
 * The CSV file has a header and four columns ({@code id,customer,amount,note}); the amount is the third; a customer
 * name is quoted and holds the delimiter in one record of eight, a note holds a doubled quote in one of sixteen. The
 * JSON Lines file nests the value as {@code order.total} among other keys. The files are written once and reused.
 * Results go to standard output as {@code key=value} lines; progress to standard error. Every format must give the
 * identical sum, count, least and greatest value, or the run fails.
 */
public final class FormatThroughput {

    private static final int MAX_LINE_LENGTH = 1024;
    private static final long SEED = 20261202L;

    private record Case(String name, Path file, RecordFormat format) {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: FormatThroughput <dir> <values> [runs] [warmups]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        long values = Long.parseLong(args[1]);
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int warmups = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        Files.createDirectories(dir);
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("lines", write(dir.resolve("formats-" + values + ".txt"), values, Kind.LINES), null));
        cases.add(new Case("csv", write(dir.resolve("formats-" + values + ".csv"), values, Kind.CSV),
                new RecordFormat("csv", "amount", true, null, null, null, null).check()));
        cases.add(new Case("jsonl", write(dir.resolve("formats-" + values + ".jsonl"), values, Kind.JSONL),
                RecordFormat.jsonl("order.total")));
        ExactSum expected = null;
        for (Case c : cases) {
            long bytes = Files.size(c.file());
            ExactSum result = null;
            long best = Long.MAX_VALUE;
            for (int i = 1; i <= warmups + runs; i++) {
                long t = System.nanoTime();
                result = sum(c);
                long elapsed = System.nanoTime() - t;
                boolean warm = i <= warmups;
                System.err.printf("  %s %s %d: %.0f MB/s, %.1f M values/s%n", c.name(), warm ? "warm-up" : "run",
                        warm ? i : i - warmups, bytes / 1e6 / (elapsed / 1e9), result.count() / 1e6 / (elapsed / 1e9));
                if (!warm) {
                    best = Math.min(best, elapsed);
                }
            }
            if (expected == null) {
                expected = result;
            } else if (!expected.equals(result)) {
                System.err.println(c.name() + " gives " + result + ", lines gave " + expected);
                System.exit(1);
            }
            System.out.printf("%s_bytes=%d%n", c.name(), bytes);
            System.out.printf("%s_best_seconds=%.4f%n", c.name(), best / 1e9);
            System.out.printf("%s_mb_per_s=%.1f%n", c.name(), bytes / 1e6 / (best / 1e9));
            System.out.printf("%s_values_per_s=%.0f%n", c.name(), result.count() / (best / 1e9));
        }
        System.out.println("count=" + expected.count());
        System.out.println("sum=" + expected.sum().toPlainString());
    }

    private static ExactSum sum(Case c) throws IOException {
        ByteRange whole = new ByteRange(0, null);
        try (FileChannel channel = FileChannel.open(c.file(), StandardOpenOption.READ)) {
            InputStream in = Channels.newInputStream(channel);
            if (c.format() == null) {
                return new LineSummer(MAX_LINE_LENGTH, Long.MAX_VALUE).sum(in, whole);
            }
            return new RecordSummer(MAX_LINE_LENGTH, Long.MAX_VALUE, NumberLimits.DEFAULTS)
                    .sum(in, whole, c.format(), c.file().getFileName().toString()).sum();
        }
    }

    private enum Kind {
        LINES, CSV, JSONL
    }

    /** Writes the file unless it exists; the same seed gives the same values in each format. */
    private static Path write(Path file, long values, Kind kind) throws IOException {
        if (Files.exists(file)) {
            return file;
        }
        System.err.printf("  writing %s (%d values)%n", file, values);
        LineGenerator numbers = new LineGenerator(SEED, LineGenerator.Shape.VALUES, 0);
        SplittableRandom other = new SplittableRandom(SEED + 1);
        byte[] number = new byte[LineGenerator.maxLineBytes()];
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 20)) {
            if (kind == Kind.CSV) {
                out.write("id,customer,amount,note\n".getBytes(StandardCharsets.US_ASCII));
            }
            for (long i = 0; i < values; i++) {
                int end = numbers.next(number, 0) - 1; // without its newline
                String value = new String(number, 0, end, StandardCharsets.US_ASCII);
                String line = switch (kind) {
                    case LINES -> value;
                    case CSV ->
                        i + "," + (other.nextInt(8) == 0 ? "\"Smith, Jane\"" : "customer-" + other.nextInt(1000))
                                + "," + value + "," + (other.nextInt(16) == 0 ? "\"said \"\"hi\"\"\"" : "");
                    case JSONL -> "{\"id\":" + i + ",\"order\":{\"currency\":\"EUR\",\"total\":" + value
                            + "},\"tags\":[\"a\",\"b\"]}";
                };
                out.write(line.getBytes(StandardCharsets.US_ASCII));
                out.write('\n');
            }
        }
        return Files.move(partial, file);
    }
}
