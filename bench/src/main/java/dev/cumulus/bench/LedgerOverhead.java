package dev.cumulus.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.LongSupplier;

import dev.cumulus.store.job.ChunkRecord;
import dev.cumulus.store.job.JobKey;
import dev.cumulus.store.job.JobState;
import dev.cumulus.store.job.JobStore;
import dev.cumulus.store.job.NewJob;

/**
 * What the job ledger costs per chunk: chunk results recorded through a real {@link JobStore} in batches of
 * {@code batch} (as {@code aggregate} records them, {@code cumulus.aggregate.jobs.record-batch}), in batches of sizes
 * between a tenth of that and that (as the record interval cuts them when chunks come slower), and one at a time,
 * and one claim + renew + finish of a job (what every run of a job adds once, and a renew every heartbeat). Each
 * measurement runs on fresh jobs, prints every run to standard error, and keeps the best; the figures go to standard
 * output as {@code key=value} lines, keys led by the store's name.
 *
 * <pre>
 * java -cp benchmarks.jar[:dynamodb-local class path] dev.cumulus.bench.LedgerOverhead \
 *     &lt;jdbc|dynamodb|both&gt; &lt;chunks&gt; &lt;batch&gt; &lt;singles&gt; &lt;cycles&gt; &lt;runs&gt; &lt;warmups&gt;
 * </pre>
 *
 * {@code jdbc}: {@link LedgerStores#postgres} (a fresh schema on the local PostgreSQL, dropped after);
 * {@code dynamodb}: {@link LedgerStores#dynamoDbLocal} (DynamoDB Local on a loopback port, in this process).
 */
public final class LedgerOverhead {

    private static final String OWNER = "bench";
    /** A source job's request, as kept: the renew and claim read it back with the job. */
    private static final String REQUEST = "{\"source\":{\"url\":\"http://127.0.0.1:8189/fanout.txt\"},"
            + "\"chunkBytes\":8388608,\"jobId\":\"bench\"}";
    private static final String PLAN = "{\"kind\":\"source\",\"size\":299929183,\"unit\":8388608}";
    private static final String OUTCOME = "{\"result\":{\"count\":1,\"sum\":\"1\",\"min\":\"1\",\"max\":\"1\"}}";
    /** A 16-digit value, the width of the fan-out file's numbers. */
    private static final long VALUE = 4_503_599_627_370_496L;

    private final JobStore store;
    private final String name;
    private final int runs;
    private final int warmups;
    private int jobs;

    private LedgerOverhead(JobStore store, String name, int runs, int warmups) {
        this.store = store;
        this.name = name;
        this.runs = runs;
        this.warmups = warmups;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 7 || !List.of("jdbc", "dynamodb", "both").contains(args[0])) {
            System.err.println("usage: LedgerOverhead <jdbc|dynamodb|both> <chunks> <batch> <singles> <cycles> <runs>"
                    + " <warmups>");
            System.exit(2);
        }
        int chunks = Integer.parseInt(args[1]);
        int batch = Integer.parseInt(args[2]);
        int singles = Integer.parseInt(args[3]);
        int cycles = Integer.parseInt(args[4]);
        int runs = Integer.parseInt(args[5]);
        int warmups = Integer.parseInt(args[6]);
        if (!args[0].equals("dynamodb")) {
            try (LedgerStores.Opened jdbc = LedgerStores.postgres()) {
                System.err.println("  jdbc: " + jdbc.description());
                new LedgerOverhead(jdbc.store(), "jdbc", runs, warmups).all(chunks, batch, singles, cycles);
            }
        }
        if (!args[0].equals("jdbc")) {
            try (LedgerStores.Opened dynamodb = LedgerStores.dynamoDbLocal()) {
                System.err.println("  dynamodb: " + dynamodb.description());
                new LedgerOverhead(dynamodb.store(), "dynamodb", runs, warmups).all(chunks, batch, singles, cycles);
            }
        }
    }

    private void all(int chunks, int batch, int singles, int cycles) {
        double perChunk = best("record, batches of " + batch, chunks, () -> record(chunks, batch));
        report("batch", perChunk, "us_per_chunk");
        report("batch", 1e6 / perChunk, "chunks_per_s");
        // the record interval cuts most batches short, each to another size, so each is another statement text
        perChunk = best("record, batches of " + batch / 10 + " to " + batch, chunks, () -> record(chunks, -batch));
        report("varied", perChunk, "us_per_chunk");
        report("varied", 1e6 / perChunk, "chunks_per_s");
        perChunk = best("record, one chunk a call", singles, () -> record(singles, 1));
        report("single", perChunk, "us_per_chunk");
        report("single", 1e6 / perChunk, "chunks_per_s");
        double perCycle = best("claim + renew + finish", cycles, () -> cycles(cycles));
        report("cycle", perCycle, "us");
    }

    /** Runs {@code work} warm-ups + runs times on fresh jobs; the best time per unit in microseconds. */
    private double best(String label, int units, LongSupplier work) {
        double best = Double.MAX_VALUE;
        for (int i = 1; i <= warmups + runs; i++) {
            long nanos = work.getAsLong();
            double micros = nanos / 1e3 / units;
            boolean warmup = i <= warmups;
            System.err.printf(Locale.ROOT, "  %s, %s, %s %d: %d in %.3f s, %.1f us each, %,.0f/s%n", name, label,
                    warmup ? "warm-up" : "run", warmup ? i : i - warmups, units, nanos / 1e9, micros, 1e6 / micros);
            if (!warmup) {
                best = Math.min(best, micros);
            }
        }
        return best;
    }

    private void report(String measure, double value, String unit) {
        System.out.printf(Locale.ROOT, "%s_%s_%s=%.1f%n", name, measure, unit, value);
    }

    /**
     * Records {@code chunks} results of a fresh, claimed job in calls of {@code batch}, or, when it is negative, of
     * sizes drawn between a tenth of {@code -batch} and {@code -batch} (a fixed seed); the time of the calls.
     */
    private long record(int chunks, int batch) {
        Random sizes = new Random(chunks);
        JobKey key = claimedJob(chunks);
        List<ChunkRecord> all = new ArrayList<>(chunks);
        for (int i = 0; i < chunks; i++) {
            String value = Long.toString(VALUE + i);
            all.add(new ChunkRecord(i, i, 1, 1, value, value, value, 1));
        }
        int recorded = 0;
        long start = System.nanoTime();
        for (int from = 0; from < chunks;) {
            int size = batch > 0 ? batch : -batch / 10 + sizes.nextInt(-batch - -batch / 10 + 1);
            recorded += store.record(key, all.subList(from, Math.min(chunks, from + size)));
            from += size;
        }
        long elapsed = System.nanoTime() - start;
        if (recorded != chunks) {
            throw new IllegalStateException(name + " recorded " + recorded + " of " + chunks + " chunks");
        }
        return elapsed;
    }

    /** {@code cycles} fresh jobs, each claimed, renewed and finished; the time of those calls. */
    private long cycles(int cycles) {
        List<JobKey> keys = new ArrayList<>(cycles);
        for (int i = 0; i < cycles; i++) {
            keys.add(submitted(1));
        }
        long start = System.nanoTime();
        for (JobKey key : keys) {
            Instant now = now();
            store.claim(key, "holder", now, now.plusSeconds(30)).orElseThrow();
            store.renew(key, "holder", now.plusSeconds(35), 0, 0).orElseThrow();
            if (!store.finish(key, "holder", JobState.SUCCEEDED, 0, 0, OUTCOME, now())) {
                throw new IllegalStateException(name + " did not finish job " + key.jobId());
            }
        }
        return System.nanoTime() - start;
    }

    private JobKey claimedJob(int chunks) {
        JobKey key = submitted(chunks);
        Instant now = now();
        store.claim(key, "holder", now, now.plusSeconds(600)).orElseThrow();
        return key;
    }

    private JobKey submitted(int chunks) {
        JobKey key = new JobKey(OWNER, "ledger-" + name + "-" + ++jobs + "-" + System.nanoTime());
        Instant now = now();
        store.submit(new NewJob(key, "sha256:bench", REQUEST, PLAN, chunks, now, now.plusSeconds(3600),
                now.plus(7, ChronoUnit.DAYS)), now);
        return key;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
