package dev.cumulus.store.dynamodb;

import static dev.cumulus.store.dynamodb.DynamoDbJobTable.ACTIVE_INDEX;
import static dev.cumulus.store.dynamodb.DynamoDbJobTable.ACTIVE_OWNER;
import static dev.cumulus.store.dynamodb.DynamoDbJobTable.EXPIRES_AT;
import static dev.cumulus.store.dynamodb.DynamoDbJobTable.PK;
import static dev.cumulus.store.dynamodb.DynamoDbJobTable.SK;
import static dev.cumulus.store.dynamodb.DynamoDbJobTable.TTL;
import static dev.cumulus.store.dynamodb.JobItems.CANCEL_REQUESTED;
import static dev.cumulus.store.dynamodb.JobItems.DEADLINE;
import static dev.cumulus.store.dynamodb.JobItems.FINISHED_AT;
import static dev.cumulus.store.dynamodb.JobItems.GENERATION;
import static dev.cumulus.store.dynamodb.JobItems.HEDGES;
import static dev.cumulus.store.dynamodb.JobItems.HOLDER;
import static dev.cumulus.store.dynamodb.JobItems.LEASE_UNTIL;
import static dev.cumulus.store.dynamodb.JobItems.OUTCOME;
import static dev.cumulus.store.dynamodb.JobItems.RETRIES;
import static dev.cumulus.store.dynamodb.JobItems.RUNS;
import static dev.cumulus.store.dynamodb.JobItems.STATE;
import static dev.cumulus.store.dynamodb.JobItems.micros;
import static dev.cumulus.store.dynamodb.JobItems.n;
import static dev.cumulus.store.dynamodb.JobItems.s;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import dev.cumulus.store.job.ChunkRecord;
import dev.cumulus.store.job.JobChecks;
import dev.cumulus.store.job.JobKey;
import dev.cumulus.store.job.JobState;
import dev.cumulus.store.job.JobStore;
import dev.cumulus.store.job.NewJob;
import dev.cumulus.store.job.StoredJob;
import dev.cumulus.store.StoreUnavailableException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The job ledger in one DynamoDB table (see {@link DynamoDbJobTable}, {@link JobItems}). Every change to a job is an
 * {@code UpdateItem} whose {@code ConditionExpression} holds the state it needs; a chunk is a {@code PutItem} that
 * applies only where no chunk of the same job generation has the index, sent for a batch on a few threads at once.
 * Reads are strongly consistent, except {@link #countUnfinished}, which counts on the sparse index of pending and
 * running jobs (eventually consistent, as every global secondary index). Expired items are hidden here and deleted by
 * DynamoDB's time to live, so {@link #purgeExpired} returns 0.
 */
public final class DynamoDbJobStore implements JobStore {

    /** Chunk puts in flight for one store: the SDK's URL-connection client keeps a few connections alive per host. */
    static final int RECORD_THREADS = 8;

    private static final String STORE = "job store";
    private static final int SUBMIT_ATTEMPTS = 3;
    private static final int BATCH_WRITE_ITEMS = 25;
    private static final Map<String, String> NAMES = names();

    private final DynamoDbClient client;
    private final String table;
    private final ExecutorService puts;

    public DynamoDbJobStore(DynamoDbClient client, String table) {
        this.client = Objects.requireNonNull(client, "client");
        this.table = Objects.requireNonNull(table, "table");
        this.puts = Executors.newFixedThreadPool(RECORD_THREADS, task -> {
            Thread thread = new Thread(task, "job-store-record");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public StoredJob submit(NewJob job, Instant now) {
        JobChecks.newJob(job);
        for (int attempt = 0; attempt < SUBMIT_ATTEMPTS; attempt++) {
            Map<String, AttributeValue> existing = getJob("submit", job.key());
            if (existing != null && JobItems.live(existing, now)) {
                return JobItems.job(existing);
            }
            Map<String, AttributeValue> values = new HashMap<>();
            String condition = "attribute_not_exists(#pk)";
            if (existing != null) {
                // replace exactly the expired job that was read
                condition = "#generation = :old AND #expiresAt <= :now";
                values.put(":old", existing.get(GENERATION));
                values.put(":now", n(micros(now)));
            }
            PutItemRequest.Builder put = PutItemRequest.builder().tableName(table)
                    .item(JobItems.newJob(job, UUID.randomUUID().toString())).conditionExpression(condition)
                    .expressionAttributeNames(namesIn(condition));
            if (!values.isEmpty()) {
                put.expressionAttributeValues(values);
            }
            try {
                call("submit", () -> client.putItem(put.build()));
            } catch (ConditionalCheckFailedException changed) {
                continue;
            }
            if (existing != null) {
                deleteChunks(job.key(), existing.get(GENERATION).s());
            }
            return JobItems.job(JobItems.newJob(job, "-"));
        }
        throw new StoreUnavailableException(STORE + " failed: submit (the key changed hands " + SUBMIT_ATTEMPTS
                + " times)");
    }

    @Override
    public Optional<StoredJob> find(JobKey key, Instant now) {
        Map<String, AttributeValue> item = getJob("find", key);
        return item != null && JobItems.live(item, now) ? Optional.of(JobItems.job(item)) : Optional.empty();
    }

    @Override
    public Optional<StoredJob> claim(JobKey key, String holder, Instant now, Instant leaseUntil) {
        JobChecks.holder(holder);
        return update("claim", key, "SET #state = :running, #holder = :holder, #leaseUntil = :until",
                "#expiresAt > :now AND #state IN (:pending, :running) AND #cancel = :false"
                        + " AND (attribute_not_exists(#holder) OR #leaseUntil <= :now OR #holder = :holder)",
                Map.of(":running", s(JobState.RUNNING.name()), ":pending", s(JobState.PENDING.name()), ":holder",
                        s(holder), ":until", n(micros(leaseUntil)), ":now", n(micros(now)), ":false",
                        AttributeValue.fromBool(false)));
    }

    @Override
    public Optional<StoredJob> renew(JobKey key, String holder, Instant leaseUntil, long retries, long hedges) {
        JobChecks.holder(holder);
        JobChecks.counts(retries, hedges);
        return update("renew", key, "SET #leaseUntil = :until, #retries = :retries, #hedges = :hedges",
                "#state = :running AND #holder = :holder",
                Map.of(":running", s(JobState.RUNNING.name()), ":holder", s(holder), ":until",
                        n(micros(leaseUntil)), ":retries", n(retries), ":hedges", n(hedges)));
    }

    @Override
    public int record(JobKey key, List<ChunkRecord> chunks) {
        Map<Integer, ChunkRecord> first = new LinkedHashMap<>();
        chunks.forEach(chunk -> first.putIfAbsent(chunk.index(), chunk));
        if (first.isEmpty()) {
            return 0;
        }
        Map<String, AttributeValue> job = getJob("record", key);
        if (job == null) {
            return 0;
        }
        AttributeValue generation = job.get(GENERATION);
        long ttl = JobItems.number(job, TTL);
        List<CompletableFuture<Boolean>> results = new ArrayList<>();
        for (ChunkRecord chunk : first.values()) {
            Map<String, AttributeValue> item = JobItems.chunk(key, generation.s(), ttl, chunk);
            results.add(CompletableFuture.supplyAsync(() -> putChunk(item, generation), puts));
        }
        int recorded = 0;
        RuntimeException failure = null;
        for (CompletableFuture<Boolean> result : results) {
            try {
                recorded += result.join() ? 1 : 0;
            } catch (CompletionException e) {
                failure = failure == null && e.getCause() instanceof RuntimeException cause ? cause : failure;
            }
        }
        if (failure != null) {
            // the chunks that were put stay recorded; a retry of the batch counts only the others
            throw failure;
        }
        return recorded;
    }

    /** A chunk, unless one of this job generation has its index; an older generation's is replaced. */
    private boolean putChunk(Map<String, AttributeValue> item, AttributeValue generation) {
        String condition = "attribute_not_exists(#pk) OR #generation <> :generation";
        try {
            call("record", () -> client.putItem(put -> put.tableName(table).item(item).conditionExpression(condition)
                    .expressionAttributeNames(namesIn(condition))
                    .expressionAttributeValues(Map.of(":generation", generation))));
            return true;
        } catch (ConditionalCheckFailedException recorded) {
            return false;
        }
    }

    @Override
    public List<ChunkRecord> chunks(JobKey key) {
        Map<String, AttributeValue> job = getJob("chunks", key);
        if (job == null) {
            return List.of();
        }
        return chunkItems("chunks", key, job.get(GENERATION)).stream().map(JobItems::chunk).toList();
    }

    @Override
    public boolean finish(JobKey key, String holder, JobState state, long retries, long hedges, String outcome,
            Instant finishedAt) {
        JobChecks.holder(holder);
        JobChecks.finish(state, retries, hedges, outcome);
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":running", s(JobState.RUNNING.name()), ":holder",
                s(holder), ":state", s(state.name()), ":retries", n(retries), ":hedges", n(hedges), ":finished",
                n(micros(finishedAt))));
        String set = "SET #state = :state, #retries = :retries, #hedges = :hedges, #finishedAt = :finished";
        String remove = " REMOVE #holder, #leaseUntil, #activeOwner";
        if (outcome == null) {
            remove += ", #outcome";
        } else {
            set += ", #outcome = :outcome";
            values.put(":outcome", s(outcome));
        }
        return update("finish", key, set + remove, "#state = :running AND #holder = :holder", values).isPresent();
    }

    @Override
    public Optional<StoredJob> cancel(JobKey key, Instant now) {
        Map<String, AttributeValue> values = Map.of(":now", n(micros(now)), ":pending", s(JobState.PENDING.name()),
                ":running", s(JobState.RUNNING.name()), ":cancelled", s(JobState.CANCELLED.name()));
        // at once when no holder runs it; else the holder is asked to stop; a final job is left as it is
        Optional<StoredJob> cancelled = update("cancel", key,
                "SET #state = :cancelled, #finishedAt = :now REMOVE #holder, #leaseUntil, #activeOwner",
                "#expiresAt > :now AND (#state = :pending OR (#state = :running"
                        + " AND (attribute_not_exists(#leaseUntil) OR #leaseUntil <= :now)))",
                values);
        if (cancelled.isPresent()) {
            return cancelled;
        }
        Optional<StoredJob> asked = update("cancel", key, "SET #cancel = :true",
                "#expiresAt > :now AND #state = :running AND #leaseUntil > :now", Map.of(":now", n(micros(now)),
                        ":running", s(JobState.RUNNING.name()), ":true", AttributeValue.fromBool(true)));
        return asked.isPresent() ? asked : find(key, now);
    }

    @Override
    public Optional<StoredJob> redrive(JobKey key, Instant now, Instant deadline, Instant expiresAt) {
        Map<String, AttributeValue> job = getJob("redrive", key);
        if (job == null || !JobItems.live(job, now)) {
            return Optional.empty();
        }
        StoredJob stored = JobItems.job(job);
        if (!stored.state().isRedrivable()) {
            return Optional.of(stored);
        }
        // the recorded chunks live as long as the job now does, before the job says so
        long ttl = JobItems.ttl(expiresAt);
        List<WriteRequest> kept = chunkItems("redrive", key, job.get(GENERATION)).stream().map(item -> {
            Map<String, AttributeValue> longer = new HashMap<>(item);
            longer.put(TTL, n(ttl));
            return WriteRequest.builder().putRequest(put -> put.item(longer)).build();
        }).toList();
        batchWrite("redrive", kept);
        Optional<StoredJob> redriven = update("redrive", key,
                "SET #state = :pending, #runs = #runs + :one, #deadline = :deadline, #expiresAt = :expires,"
                        + " #ttl = :ttl, #cancel = :false, #activeOwner = :owner"
                        + " REMOVE #outcome, #finishedAt, #holder, #leaseUntil",
                "#state IN (:partial, :failed) AND #expiresAt > :now AND #generation = :generation",
                Map.ofEntries(Map.entry(":pending", s(JobState.PENDING.name())), Map.entry(":one", n(1)),
                        Map.entry(":deadline", n(micros(deadline))), Map.entry(":expires", n(micros(expiresAt))),
                        Map.entry(":ttl", n(ttl)), Map.entry(":false", AttributeValue.fromBool(false)),
                        Map.entry(":owner", s(key.owner())), Map.entry(":partial", s(JobState.PARTIAL.name())),
                        Map.entry(":failed", s(JobState.FAILED.name())), Map.entry(":now", n(micros(now))),
                        Map.entry(":generation", job.get(GENERATION))));
        return redriven.isPresent() ? redriven : find(key, now);
    }

    @Override
    public int countUnfinished(String owner, Instant now) {
        QueryRequest request = QueryRequest.builder().tableName(table).indexName(ACTIVE_INDEX)
                .keyConditionExpression("#activeOwner = :owner AND #expiresAt > :now")
                .expressionAttributeNames(Map.of("#activeOwner", ACTIVE_OWNER, "#expiresAt", EXPIRES_AT))
                .expressionAttributeValues(Map.of(":owner", s(owner), ":now", n(micros(now)))).select(Select.COUNT)
                .build();
        int count = 0;
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest page = request.toBuilder().exclusiveStartKey(start).build();
            QueryResponse response = call("countUnfinished", () -> client.query(page));
            count += response.count();
            start = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return count;
    }

    /** DynamoDB's time to live deletes expired jobs and chunks (within days); {@link #find} hides them till then. */
    @Override
    public int purgeExpired(Instant now) {
        return 0;
    }

    private Optional<StoredJob> update(String operation, JobKey key, String expression, String condition,
            Map<String, AttributeValue> values) {
        String when = "attribute_exists(#pk) AND " + condition;
        UpdateItemRequest request = UpdateItemRequest.builder().tableName(table).key(JobItems.jobKey(key))
                .updateExpression(expression).conditionExpression(when)
                .expressionAttributeNames(namesIn(expression + " " + when)).expressionAttributeValues(values)
                .returnValues(ReturnValue.ALL_NEW).build();
        try {
            return Optional.of(JobItems.job(call(operation, () -> client.updateItem(request)).attributes()));
        } catch (ConditionalCheckFailedException refused) {
            return Optional.empty();
        }
    }

    private Map<String, AttributeValue> getJob(String operation, JobKey key) {
        Map<String, AttributeValue> item = call(operation,
                () -> client.getItem(get -> get.tableName(table).key(JobItems.jobKey(key)).consistentRead(true)))
                .item();
        return item == null || item.isEmpty() ? null : item;
    }

    /** The chunk items of one generation of the job, by index. */
    private List<Map<String, AttributeValue>> chunkItems(String operation, JobKey key, AttributeValue generation) {
        QueryRequest request = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :chunk)")
                .filterExpression("#generation = :generation")
                .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK, "#generation", GENERATION))
                .expressionAttributeValues(Map.of(":pk", s(JobItems.pk(key)), ":chunk", s(JobItems.CHUNK_PREFIX),
                        ":generation", generation))
                .build();
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest page = request.toBuilder().exclusiveStartKey(start).build();
            QueryResponse response = call(operation, () -> client.query(page));
            items.addAll(response.items());
            start = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    /**
     * Deletes the chunks an expired job left under the key. Only the submit that replaced the job does this, and
     * only chunks of the old generation; those it misses (a failure here) are never read (their generation is not
     * the job's) and a new chunk replaces them (see {@link #putChunk}), until time to live deletes them.
     */
    private void deleteChunks(JobKey key, String oldGeneration) {
        List<WriteRequest> deletes = chunkItems("submit", key, s(oldGeneration)).stream()
                .map(item -> WriteRequest.builder()
                        .deleteRequest(delete -> delete.key(Map.of(PK, item.get(PK), SK, item.get(SK)))).build())
                .toList();
        batchWrite("submit", deletes);
    }

    /** Writes in batches of 25, sending again what DynamoDB left unprocessed. */
    private void batchWrite(String operation, List<WriteRequest> writes) {
        for (int from = 0; from < writes.size(); from += BATCH_WRITE_ITEMS) {
            List<WriteRequest> batch = writes.subList(from, Math.min(writes.size(), from + BATCH_WRITE_ITEMS));
            Map<String, List<WriteRequest>> pending = Map.of(table, batch);
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> sent = pending;
                pending = call(operation, () -> client.batchWriteItem(write -> write.requestItems(sent)))
                        .unprocessedItems();
            }
        }
    }

    private static <T> T call(String operation, Supplier<T> request) {
        return DynamoDbCalls.call(STORE, operation, request);
    }

    /** DynamoDB refuses names that an expression does not use, so pass only those. */
    private static Map<String, String> namesIn(String expression) {
        Map<String, String> used = new HashMap<>();
        NAMES.forEach((placeholder, name) -> {
            if (expression.matches("(?s).*" + placeholder + "\\b.*")) {
                used.put(placeholder, name);
            }
        });
        return used;
    }

    // every attribute through a placeholder: state, count, ttl and others are reserved words in expressions
    private static Map<String, String> names() {
        Map<String, String> names = new HashMap<>();
        names.put("#pk", PK);
        names.put("#generation", GENERATION);
        names.put("#expiresAt", EXPIRES_AT);
        names.put("#state", STATE);
        names.put("#holder", HOLDER);
        names.put("#leaseUntil", LEASE_UNTIL);
        names.put("#cancel", CANCEL_REQUESTED);
        names.put("#runs", RUNS);
        names.put("#retries", RETRIES);
        names.put("#hedges", HEDGES);
        names.put("#outcome", OUTCOME);
        names.put("#finishedAt", FINISHED_AT);
        names.put("#deadline", DEADLINE);
        names.put("#ttl", TTL);
        names.put("#activeOwner", ACTIVE_OWNER);
        return Map.copyOf(names);
    }
}
