package dev.cumulus.store.dynamodb;

import static dev.cumulus.store.dynamodb.DynamoDbJobTable.ACTIVE_OWNER;
import static dev.cumulus.store.dynamodb.DynamoDbJobTable.EXPIRES_AT;
import static dev.cumulus.store.dynamodb.DynamoDbJobTable.PK;
import static dev.cumulus.store.dynamodb.DynamoDbJobTable.SK;
import static dev.cumulus.store.dynamodb.DynamoDbJobTable.TTL;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import dev.cumulus.core.request.TraceContext;
import dev.cumulus.store.job.ChunkRecord;
import dev.cumulus.store.job.JobKey;
import dev.cumulus.store.job.JobState;
import dev.cumulus.store.job.NewJob;
import dev.cumulus.store.job.StoredJob;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The items of the job table as the job store's types, and back. Instants are numbers of microseconds since the epoch
 * (so conditions compare them, as the JDBC store keeps them); {@code ttl} is the job's {@code expiresAt} in epoch
 * seconds, rounded up. A job's {@code generation} tells its chunks from those of an expired job that had its key. A
 * job submitted with a trace context has {@code traceparent} (and {@code tracestate}, when it had one), read back
 * through {@link TraceContext#parse}: a value that is not a valid one reads as none.
 */
final class JobItems {

    static final String JOB_SK = "job";
    static final String CHUNK_PREFIX = "chunk#";
    static final String GENERATION = "generation";
    static final String STATE = "state";
    static final String HOLDER = "leaseHolder";
    static final String LEASE_UNTIL = "leaseUntil";
    static final String CANCEL_REQUESTED = "cancelRequested";
    static final String RUNS = "runs";
    static final String RETRIES = "retries";
    static final String HEDGES = "hedges";
    static final String OUTCOME = "outcome";
    static final String FINISHED_AT = "finishedAt";
    static final String DEADLINE = "deadline";
    static final String TRACEPARENT = "traceparent";
    static final String TRACESTATE = "tracestate";

    private JobItems() {
    }

    /** The partition key: the owner in base64url (which has no dot), a dot, the job id; no two keys give one. */
    static String pk(JobKey key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.owner().getBytes(StandardCharsets.UTF_8))
                + "." + key.jobId();
    }

    static Map<String, AttributeValue> jobKey(JobKey key) {
        return Map.of(PK, s(pk(key)), SK, s(JOB_SK));
    }

    /** The sort key of chunk {@code index}: ten digits, so the chunks sort by index. */
    static String chunkSk(int index) {
        return CHUNK_PREFIX + String.format("%010d", index);
    }

    static Map<String, AttributeValue> newJob(NewJob job, String generation) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(pk(job.key())));
        item.put(SK, s(JOB_SK));
        item.put("owner", s(job.key().owner()));
        item.put("jobId", s(job.key().jobId()));
        item.put(GENERATION, s(generation));
        item.put("fingerprint", s(job.fingerprint()));
        item.put("request", s(job.request()));
        item.put("plan", s(job.plan()));
        item.put("chunkCount", n(job.chunkCount()));
        item.put(STATE, s(JobState.PENDING.name()));
        item.put("createdAt", n(micros(job.createdAt())));
        item.put(DEADLINE, n(micros(job.deadline())));
        item.put(EXPIRES_AT, n(micros(job.expiresAt())));
        item.put(CANCEL_REQUESTED, AttributeValue.fromBool(false));
        item.put(RUNS, n(1));
        item.put(RETRIES, n(0));
        item.put(HEDGES, n(0));
        item.put(TTL, n(ttl(job.expiresAt())));
        item.put(ACTIVE_OWNER, s(job.key().owner()));
        if (job.trace() != null) {
            item.put(TRACEPARENT, s(job.trace().traceparent()));
            if (job.trace().state() != null) {
                item.put(TRACESTATE, s(job.trace().state()));
            }
        }
        return item;
    }

    static StoredJob job(Map<String, AttributeValue> item) {
        return new StoredJob(new JobKey(item.get("owner").s(), item.get("jobId").s()), item.get("fingerprint").s(),
                item.get("request").s(), item.get("plan").s(), (int) number(item, "chunkCount"),
                JobState.valueOf(item.get(STATE).s()), instant(item, "createdAt"), instant(item, DEADLINE),
                instant(item, EXPIRES_AT), text(item, HOLDER), instant(item, LEASE_UNTIL),
                item.get(CANCEL_REQUESTED).bool(), (int) number(item, RUNS), number(item, RETRIES),
                number(item, HEDGES), text(item, OUTCOME), instant(item, FINISHED_AT),
                TraceContext.parse(text(item, TRACEPARENT), text(item, TRACESTATE)).orElse(null));
    }

    static boolean live(Map<String, AttributeValue> job, Instant now) {
        return number(job, EXPIRES_AT) > micros(now);
    }

    static Map<String, AttributeValue> chunk(JobKey key, String generation, long ttl, ChunkRecord chunk) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(pk(key)));
        item.put(SK, s(chunkSk(chunk.index())));
        item.put(GENERATION, s(generation));
        item.put("index", n(chunk.index()));
        item.put("offset", n(chunk.offset()));
        item.put("length", n(chunk.length()));
        item.put("count", n(chunk.count()));
        item.put("sum", s(chunk.sum()));
        if (chunk.min() != null) {
            item.put("min", s(chunk.min()));
        }
        if (chunk.max() != null) {
            item.put("max", s(chunk.max()));
        }
        item.put("attempts", n(chunk.attempts()));
        if (chunk.skipped() > 0) {
            item.put("skipped", n(chunk.skipped()));
        }
        item.put(TTL, n(ttl));
        return item;
    }

    static ChunkRecord chunk(Map<String, AttributeValue> item) {
        return new ChunkRecord((int) number(item, "index"), number(item, "offset"), number(item, "length"),
                number(item, "count"), item.get("sum").s(), text(item, "min"), text(item, "max"),
                (int) number(item, "attempts"), item.containsKey("skipped") ? number(item, "skipped") : 0);
    }

    static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
    }

    /** The epoch second at or after {@code expiresAt}: DynamoDB never deletes an item before its job expires. */
    static long ttl(Instant expiresAt) {
        return expiresAt.getNano() == 0 ? expiresAt.getEpochSecond() : expiresAt.getEpochSecond() + 1;
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static long number(Map<String, AttributeValue> item, String name) {
        return Long.parseLong(item.get(name).n());
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null) {
            return null;
        }
        long micros = Long.parseLong(value.n());
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
    }
}
