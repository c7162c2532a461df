package dev.cumulus.lambdaruntime;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.cumulus.core.testing.LambdaApiStub;
import dev.cumulus.core.testing.RangeFileServer;
import dev.cumulus.store.dynamodb.DynamoDbJobStore;
import dev.cumulus.store.dynamodb.DynamoDbJobTable;
import dev.cumulus.store.job.ChunkRecord;
import dev.cumulus.store.job.JobKey;
import dev.cumulus.store.testing.DynamoDbLocal;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * aggregate's function.zip on the managed Java runtime, running a submitted job with its ledger on DynamoDB Local,
 * calling sum-chunk and invoking itself through a loopback stub of the Lambda Invoke API ({@link LambdaApiStub}: it
 * sums each chunk for real, and queues each asynchronous invocation of aggregate as an event of the runtime process
 * that lives then). The process is killed with SIGKILL in the middle of the job and a new one started: a status
 * request takes the job up once the dead one's lease has passed, and it ends with the exact sum, every chunk recorded
 * once, and the calls of sum-chunk after the restart exactly the chunks that had no record when it died.
 */
class AggregateJobsRuntimeIT {

    static final String TABLE = "cumulus-jobs-runtime-it";
    static final int NUMBERS = 250_000;
    static final Duration WITHIN = Duration.ofSeconds(120);

    @Test
    void killedMidJob_theNextProcessFinishesFromTheLedger_exactSum_eachChunkOnce() throws Exception {
        // given: 1..250000, one per line, in ranges of 4 KiB: 401 chunks, four calls at a time, each 25 ms; runs of
        // 2 s, leases of 3 s
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= NUMBERS; i++) {
            lines.append(i).append('\n');
        }
        BigInteger expected = BigInteger.valueOf(NUMBERS).multiply(BigInteger.valueOf(NUMBERS + 1L)).shiftRight(1);
        AtomicReference<LambdaFunction> live = new AtomicReference<>();
        AtomicInteger lost = new AtomicInteger();
        try (DynamoDbLocal dynamoDb = DynamoDbLocal.start();
                DynamoDbClient client = dynamoDb.client();
                LambdaApiStub lambda = LambdaApiStub.start("sum-chunk");
                RangeFileServer files = RangeFileServer.start()
                        .put("/numbers.txt", lines.toString().getBytes(StandardCharsets.US_ASCII))) {
            DynamoDbJobTable.create(client, TABLE);
            DynamoDbJobStore ledger = new DynamoDbJobStore(client, TABLE);
            lambda.delayEveryChunk(25).deliverEventsTo(event -> {
                LambdaFunction function = live.get();
                if (function == null) {
                    lost.incrementAndGet(); // no execution environment: as an invocation whose environment died
                } else {
                    function.submit(event);
                }
            });
            Map<String, String> environment = environment(dynamoDb, lambda);
            JobKey key = new JobKey("anonymous", "crash-1");

            LambdaFunction first = LambdaFunction.start("aggregate", environment);
            live.set(first);
            int total;
            try {
                JsonNode submitted = first.invoke("{\"action\":\"submit\",\"jobId\":\"crash-1\",\"source\":{\"url\":\""
                        + files.url("/numbers.txt") + "\"},\"chunkBytes\":4096,\"maxConcurrency\":4}").response();
                total = submitted.path("chunks").path("total").asInt();
                assertThat(total).isEqualTo(401);

                // when: SIGKILL once a quarter of the chunks are recorded, read in the ledger itself
                long until = System.nanoTime() + WITHIN.toNanos();
                while (ledger.chunks(key).size() < total / 4) {
                    assertThat(System.nanoTime()).as("a quarter recorded within " + WITHIN).isLessThan(until);
                    LockSupport.parkNanos(Duration.ofMillis(20).toNanos()); // the next look
                }
            } finally {
                live.set(null);
                first.kill();
            }
            int callsBefore = lambda.chunkCalls();
            int recordedBefore = ledger.chunks(key).size();
            int runsBefore = lambda.events("aggregate").size();

            LambdaFunction second = LambdaFunction.start("aggregate", environment);
            live.set(second);
            try {
                // then: taken up again once the dead process's lease has passed, and finished
                JsonNode end = awaitStatus(second, s -> s.path("state").asText().equals("SUCCEEDED")
                        || s.path("state").asText().equals("FAILED"));
                int callsAfter = lambda.chunkCalls() - callsBefore;
                int recordedAfter = ledger.chunks(key).size();
                long distinct = ledger.chunks(key).stream().mapToInt(ChunkRecord::index).distinct().count();
                System.out.printf("crash and resume on Lambda: %d chunks; before the kill %d calls, %d chunks "
                        + "recorded, %d runs; after the restart %d calls, %d runs; %d run invocations lost with the "
                        + "process; sum %s (expected %s), count %s%n", total, callsBefore, recordedBefore, runsBefore,
                        callsAfter, lambda.events("aggregate").size() - runsBefore, lost.get(),
                        end.path("result").path("sum").asText(), expected, end.path("result").path("count").asText());
                assertThat(end.path("state").asText()).isEqualTo("SUCCEEDED");
                assertThat(new BigInteger(end.path("result").path("sum").asText())).isEqualTo(expected);
                assertThat(end.path("result").path("count").asLong()).isEqualTo(NUMBERS);
                assertThat(recordedBefore).isBetween(total / 4, total - 1);
                assertThat(recordedAfter).isEqualTo(total);
                assertThat(distinct).isEqualTo(total);
                assertThat(callsAfter).isEqualTo(total - recordedBefore);
            } finally {
                live.set(null);
                second.close();
            }
        }
    }

    private static Map<String, String> environment(DynamoDbLocal dynamoDb, LambdaApiStub lambda) {
        Map<String, String> env = new HashMap<>();
        // its events carry no bearer token: calls without one are the owner 'anonymous' here
        env.put("CUMULUS_AGGREGATE_AUTH_ALLOW_ANONYMOUS", "true");
        env.put("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", dynamoDb.endpoint().toString());
        env.put("CUMULUS_STORE_JOBS_TABLE", TABLE);
        env.put("CUMULUS_AGGREGATE_INVOKER", "lambda");
        env.put("CUMULUS_AGGREGATE_SUM_CHUNK_FUNCTION", "sum-chunk");
        env.put("CUMULUS_AGGREGATE_LAMBDA_ENDPOINT_OVERRIDE", lambda.endpoint().toString());
        env.put("CUMULUS_SOURCES_ALLOWED_HOSTS", "127.0.0.1,localhost");
        env.put("CUMULUS_AGGREGATE_MIN_CHUNK_BYTES", "1024");
        // no hedges: every call after the restart then stands for one chunk without a record
        env.put("CUMULUS_AGGREGATE_HEDGE_BUDGET", "0");
        env.put("CUMULUS_AGGREGATE_JOBS_LEASE", "3S");
        env.put("CUMULUS_AGGREGATE_JOBS_HEARTBEAT", "500ms");
        env.put("CUMULUS_AGGREGATE_JOBS_SLICE", "2S");
        return env;
    }

    /** Asks the function for the job's status until {@code done}; each ask waits for a run in progress. */
    private static JsonNode awaitStatus(LambdaFunction aggregate, Predicate<JsonNode> done) {
        long until = System.nanoTime() + WITHIN.toNanos();
        JsonNode s = null;
        while (System.nanoTime() < until) {
            s = aggregate.invoke("{\"action\":\"status\",\"jobId\":\"crash-1\"}").response();
            if (done.test(s)) {
                return s;
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos()); // the next poll
        }
        throw new AssertionError("the job did not end within " + WITHIN + "; last status: " + s);
    }
}
