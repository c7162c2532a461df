package dev.cumulus.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.cumulus.store.StoreUnavailableException;
import dev.cumulus.store.job.JobKey;
import dev.cumulus.store.job.JobState;
import dev.cumulus.store.job.JobStore;
import dev.cumulus.store.job.JobStoreContract;
import dev.cumulus.store.job.NewJob;
import dev.cumulus.store.job.StoredJob;
import dev.cumulus.store.testing.DynamoDbLocal;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** The job store's contract on DynamoDB Local over HTTP, with the table made by {@link DynamoDbJobTable}. */
class DynamoDbJobStoreTest extends JobStoreContract {

    private static final String TABLE = "cumulus-jobs";

    private DynamoDbLocal dynamoDb;
    private DynamoDbClient client;
    private DynamoDbClient unreachable;
    private DynamoDbJobStore store;

    @BeforeAll
    void start() {
        dynamoDb = DynamoDbLocal.start();
        client = dynamoDb.client();
        DynamoDbJobTable.create(client, TABLE);
        store = new DynamoDbJobStore(client, TABLE);
        unreachable = DynamoDbLocal.unreachableClient();
    }

    @AfterAll
    void stop() {
        unreachable.close();
        client.close();
        dynamoDb.close();
    }

    @Override
    protected JobStore store() {
        return store;
    }

    @Override
    protected boolean purgesExpiredJobs() {
        return false;
    }

    @Test
    void table_keysTheSparseIndexAndTimeToLiveAsDeploymentsMakeThem() {
        TableDescription table = client.describeTable(d -> d.tableName(TABLE)).table();

        assertThat(table.keySchema()).extracting(k -> k.attributeName() + " " + k.keyType())
                .containsExactly("pk " + KeyType.HASH, "sk " + KeyType.RANGE);
        assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(table.globalSecondaryIndexes()).singleElement().satisfies(index -> {
            assertThat(index.indexName()).isEqualTo("active-jobs");
            assertThat(index.keySchema()).extracting(k -> k.attributeName() + " " + k.keyType())
                    .containsExactly("activeOwner " + KeyType.HASH, "expiresAt " + KeyType.RANGE);
            assertThat(index.projection().projectionType()).isEqualTo(ProjectionType.KEYS_ONLY);
        });
        assertThat(client.describeTimeToLive(d -> d.tableName(TABLE)).timeToLiveDescription())
                .satisfies(ttl -> {
                    assertThat(ttl.attributeName()).isEqualTo("ttl");
                    assertThat(ttl.timeToLiveStatus()).isIn(TimeToLiveStatus.ENABLED, TimeToLiveStatus.ENABLING);
                });
        assertThat(DynamoDbJobTable.createIfMissing(client, TABLE)).isFalse();
    }

    @Test
    void items_carryTheirTimeToLiveAndTheActiveOwnerOnlyWhileUnfinished() {
        // given
        JobKey key = uniqueKey("job-1");
        claimed(key, "instance-a");
        store.record(key, List.of(chunk(7)));
        Map<String, AttributeValue> running = item(JobItems.pk(key), "job");

        // when
        store.finish(key, "instance-a", JobState.SUCCEEDED, 0, 0, OUTCOME, NOW);

        // then: expiresAt in epoch seconds on the job and its chunk; the index forgets the finished job
        long ttl = EXPIRES_AT.getEpochSecond() + 1;
        assertThat(running.get("activeOwner").s()).isEqualTo(key.owner());
        Map<String, AttributeValue> finished = item(JobItems.pk(key), "job");
        assertThat(finished).doesNotContainKeys("activeOwner", "leaseHolder", "leaseUntil");
        assertThat(finished.get("ttl").n()).isEqualTo(Long.toString(ttl));
        assertThat(finished.get("expiresAt").n()).isEqualTo(Long.toString(EXPIRES_AT.toEpochMilli() * 1000));
        Map<String, AttributeValue> chunk = item(JobItems.pk(key), "chunk#0000000007");
        assertThat(chunk.get("ttl").n()).isEqualTo(Long.toString(ttl));
        assertThat(chunk.get("sum").s()).isEqualTo(chunk(7).sum());
        assertThat(chunk.get("generation")).isEqualTo(finished.get("generation"));
    }

    @Test
    void items_traceContextAsTwoStrings_onlyWhenSubmittedWithOne() {
        // given
        JobKey traced = uniqueKey("traced");
        JobKey untraced = uniqueKey("untraced");

        // when
        store.submit(traced(traced, TRACE), CREATED_AT);
        store.submit(newJob(untraced), CREATED_AT);

        // then
        Map<String, AttributeValue> item = item(JobItems.pk(traced), "job");
        assertThat(item.get("traceparent").s()).isEqualTo(TRACE.traceparent());
        assertThat(item.get("tracestate").s()).isEqualTo(TRACE.state());
        assertThat(item(JobItems.pk(untraced), "job")).doesNotContainKeys("traceparent", "tracestate");
    }

    @Test
    void find_itemWithATraceContextThatIsNotValid_readsAsNone() {
        // given: a job whose attribute was changed behind the store's back
        JobKey key = uniqueKey("job-1");
        store.submit(traced(key, TRACE), CREATED_AT);
        client.updateItem(update -> update.tableName(TABLE).key(JobItems.jobKey(key))
                .updateExpression("SET #traceparent = :bad")
                .expressionAttributeNames(Map.of("#traceparent", "traceparent"))
                .expressionAttributeValues(Map.of(":bad", AttributeValue.fromS("not a traceparent"))));

        // when / then
        assertThat(store.find(key, NOW)).map(StoredJob::trace).isEmpty();
    }

    @Test
    void submit_jobOverDynamoDbsItemSize_refusedAsAnArgumentAndNothingStored() {
        // given: request and plan within NewJob's bound each, over 400 KB together
        JobKey key = uniqueKey("job-1");
        String text = "1".repeat(NewJob.MAX_TEXT_LENGTH);
        NewJob job = new NewJob(key, FINGERPRINT, text, text, 1, CREATED_AT, DEADLINE, EXPIRES_AT);

        // when / then
        assertThatThrownBy(() -> store.submit(job, CREATED_AT)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("job store refused a value: submit (an item over DynamoDB's 400 KB)");
        assertThat(store.find(key, NOW)).isEmpty();
    }

    @Test
    void calls_unreachableEngine_throwStoreUnavailable() {
        DynamoDbJobStore nowhere = new DynamoDbJobStore(unreachable, TABLE);

        assertThatThrownBy(() -> nowhere.find(uniqueKey("job-1"), NOW)).isInstanceOf(StoreUnavailableException.class)
                .hasMessageStartingWith("job store unreachable: find");
        assertThatThrownBy(() -> nowhere.countUnfinished("anyone", NOW))
                .isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void find_missingTable_throwsStoreUnavailable() {
        DynamoDbJobStore noTable = new DynamoDbJobStore(client, "no-such-jobs");

        assertThatThrownBy(() -> noTable.find(uniqueKey("job-1"), NOW)).isInstanceOf(StoreUnavailableException.class)
                .hasMessage("job store failed: find (ResourceNotFoundException, HTTP 400)");
    }

    private Map<String, AttributeValue> item(String pk, String sk) {
        return client.getItem(get -> get.tableName(TABLE)
                .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk))).consistentRead(true))
                .item();
    }
}
