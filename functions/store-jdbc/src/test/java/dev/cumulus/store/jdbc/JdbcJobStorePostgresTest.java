package dev.cumulus.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.cumulus.store.StoreUnavailableException;
import dev.cumulus.store.job.ChunkRecord;
import dev.cumulus.store.job.JobKey;
import dev.cumulus.store.job.JobStore;
import dev.cumulus.store.job.JobStoreContract;
import dev.cumulus.store.testing.PostgresSchema;

/** The job store's contract on the test PostgreSQL server, in a fresh schema migrated by the real migrations. */
class JdbcJobStorePostgresTest extends JobStoreContract {

    private PostgresSchema schema;
    private JdbcJobStore store;

    @BeforeAll
    void migrate() {
        schema = PostgresSchema.create().migrate();
        store = new JdbcJobStore(schema.dataSource());
    }

    @AfterAll
    void drop() {
        schema.close();
    }

    @Override
    protected JobStore store() {
        return store;
    }

    @Override
    protected boolean purgesExpiredJobs() {
        return true;
    }

    @Test
    void record_2500Chunks_oneStatementPreparedOnce_whateverTheBatchSize() {
        // given
        JobKey key = uniqueKey("job-1");
        StatementCounter inserts = new StatementCounter(schema.dataSource(), "insert into job_chunks");
        JdbcJobStore counted = new JdbcJobStore(inserts.dataSource());
        counted.submit(newJob(key), CREATED_AT);
        List<ChunkRecord> chunks = IntStream.range(0, 2500).mapToObj(JobStoreContract::chunk).toList();

        // when
        int recorded = counted.record(key, chunks);

        // then
        // (its text does not depend on the rows, so the server plans it once per connection; run per 1000 rows)
        assertThat(recorded).isEqualTo(2500);
        assertThat(inserts.count()).isEqualTo(1);
        assertThat(store.chunks(key)).containsExactlyElementsOf(chunks);
    }

    @Test
    void find_withoutTheTables_throwsStoreUnavailableNamingNoSql() {
        try (PostgresSchema empty = PostgresSchema.create()) {
            JdbcJobStore unmigrated = new JdbcJobStore(empty.dataSource());

            assertThatThrownBy(() -> unmigrated.find(uniqueKey("job-1"), NOW))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessage("job store failed: find (SQLState 42P01, PSQLException)").hasNoCause();
        }
    }
}
