package dev.cumulus.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.cumulus.core.number.ByteRange;
import dev.cumulus.core.number.ExactSum;
import dev.cumulus.core.number.LineSummer;
import dev.cumulus.core.source.SourceGuard;
import dev.cumulus.core.source.SourceReader;
import dev.cumulus.core.source.SourceSummer;

/**
 * The baseline of the fan-out benchmark: one object over HTTP summed in this process by the kernel, split into as
 * many byte ranges as threads, each range read with {@code Range} requests and summed on its own thread, exactly
 * as a {@code sum-chunk} instance reads it, but with no function call in between. Prints {@code key=value} lines.
 *
 * <pre>
 * java -cp benchmarks.jar dev.cumulus.bench.HttpKernelThroughput &lt;url&gt; &lt;size&gt; &lt;threads&gt; &lt;runs&gt; &lt;warmups&gt;
 * </pre>
 */
public final class HttpKernelThroughput {

    private static final int MAX_LINE_LENGTH = 1024;

    private HttpKernelThroughput() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: HttpKernelThroughput <url> <size> <threads> <runs> <warmups>");
            System.exit(2);
        }
        String url = args[0];
        long size = Long.parseLong(args[1]);
        int threads = Integer.parseInt(args[2]);
        int runs = Integer.parseInt(args[3]);
        int warmups = Integer.parseInt(args[4]);

        SourceSummer summer = new SourceSummer(new SourceGuard(List.of("127.0.0.1", "localhost"), false),
                new SourceReader(Duration.ofSeconds(5), Duration.ofSeconds(30)),
                new LineSummer(MAX_LINE_LENGTH, Long.MAX_VALUE));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long best = Long.MAX_VALUE;
        ExactSum total = null;
        for (int run = 1; run <= warmups + runs; run++) {
            long start = System.nanoTime();
            List<Future<ExactSum>> parts = new ArrayList<>();
            long step = (size + threads - 1) / threads;
            for (long offset = 0; offset < size; offset += step) {
                ByteRange range = new ByteRange(offset, Math.min(step, size - offset));
                parts.add(pool.submit(() -> summer.sum(url, range, "bench")));
            }
            ExactSum sum = ExactSum.EMPTY;
            for (Future<ExactSum> part : parts) {
                sum = sum.merge(part.get());
            }
            long elapsed = System.nanoTime() - start;
            boolean warmup = run <= warmups;
            System.err.printf("  in-process, %d threads, %s %d: %.3f s%n", threads, warmup ? "warm-up" : "run",
                    warmup ? run : run - warmups, elapsed / 1e9);
            if (!warmup) {
                best = Math.min(best, elapsed);
            }
            total = sum;
        }
        pool.shutdown();
        System.out.println("count=" + total.count());
        System.out.println("sum=" + total.sum().toPlainString());
        System.out.println("best_seconds=" + best / 1e9);
    }
}
