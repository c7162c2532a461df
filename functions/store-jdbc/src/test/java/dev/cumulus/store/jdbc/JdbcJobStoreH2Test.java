package dev.cumulus.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.cumulus.store.StoreUnavailableException;
import dev.cumulus.store.job.ChunkRecord;
import dev.cumulus.store.job.JobKey;
import dev.cumulus.store.job.JobStore;
import dev.cumulus.store.job.JobStoreContract;
import dev.cumulus.store.job.NewJob;
import dev.cumulus.store.job.StoredJob;
import dev.cumulus.store.testing.Ports;

/** The job store's contract on H2 in memory, in the PostgreSQL mode the local profile uses, with the real migrations. */
class JdbcJobStoreH2Test extends JobStoreContract {

    private JdbcJobStore store;
    private DataSource dataSource;

    @BeforeAll
    void migrate() {
        dataSource = h2("jobs-" + UUID.randomUUID());
        Flyway.configure().dataSource(dataSource).load().migrate();
        store = new JdbcJobStore(dataSource);
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
    void submit_fingerprintLongerThanTheColumn_refusedBeforeAnyWrite() {
        JobKey key = uniqueKey("job-1");
        NewJob job = new NewJob(key, "f".repeat(129), REQUEST, PLAN, 1, CREATED_AT, DEADLINE, EXPIRES_AT);

        assertThatThrownBy(() -> store.submit(job, CREATED_AT)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.find(key, NOW)).isEmpty();
    }

    @Test
    void record_sumWiderThanTheColumn_isRefusedAsAnArgument() {
        JobKey key = uniqueKey("job-1");
        store.submit(newJob(key), CREATED_AT);
        ChunkRecord huge = new ChunkRecord(0, 0, 1, 1, "9".repeat(320_001), "1", "1", 1);

        assertThatThrownBy(() -> store.record(key, List.of(huge))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("job store refused a value: record (SQLState 22001")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("999"));
        assertThat(store.chunks(key)).isEmpty();
    }

    @Test
    void find_unreachableDatabase_throwsStoreUnavailableNamingTheJobStore() {
        JdbcDataSource remote = new JdbcDataSource();
        remote.setURL("jdbc:h2:tcp://127.0.0.1:" + Ports.freeLoopbackPort() + "/mem:gone");
        JdbcJobStore unreachable = new JdbcJobStore(remote);

        assertThatThrownBy(() -> unreachable.find(uniqueKey("job-1"), NOW))
                .isInstanceOf(StoreUnavailableException.class).hasMessageStartingWith("job store ")
                .hasMessageContaining(": find (SQLState ");
        assertThatThrownBy(() -> unreachable.record(uniqueKey("job-1"), List.of(chunk(0))))
                .isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void find_rowWithATraceContextThatIsNotValid_readsAsNone() throws Exception {
        // given: a job whose columns were changed behind the store's back
        JobKey key = uniqueKey("job-1");
        store.submit(traced(key, TRACE), CREATED_AT);
        try (var c = dataSource.getConnection();
                var update = c.prepareStatement("update jobs set traceparent = ? where owner = ? and job_id = ?")) {
            update.setString(1, "01-" + TRACE.traceId() + "-" + TRACE.parentId() + "-01");
            update.setString(2, key.owner());
            update.setString(3, key.jobId());
            assertThat(update.executeUpdate()).isEqualTo(1);
        }

        // when / then
        assertThat(store.find(key, NOW)).map(StoredJob::trace).isEmpty();
    }

    private static DataSource h2(String name) {
        JdbcDataSource dataSource = new JdbcDataSource();
        // DB_CLOSE_DELAY=-1 keeps the in-memory database between connections
        dataSource.setURL("jdbc:h2:mem:" + name + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        return dataSource;
    }
}
