package dev.cumulus.store.jdbc;

import static dev.cumulus.store.jdbc.JobRows.utc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import dev.cumulus.store.StoreUnavailableException;
import dev.cumulus.store.job.ChunkRecord;
import dev.cumulus.store.job.JobChecks;
import dev.cumulus.store.job.JobKey;
import dev.cumulus.store.job.JobState;
import dev.cumulus.store.job.JobStore;
import dev.cumulus.store.job.NewJob;
import dev.cumulus.store.job.StoredJob;

/**
 * The job ledger in the tables {@code jobs} and {@code job_chunks} of PostgreSQL or H2 (schema:
 * {@code db/migration/V2__jobs.sql} and the later migrations). Every change to a job is one {@code UPDATE} whose
 * {@code WHERE} holds the state it needs (a compare-and-set), read back in the same transaction; a chunk is recorded
 * by a multi-row {@code INSERT ... ON CONFLICT DO NOTHING}, so the primary key decides between callers and the update
 * count is what was new. Instants are kept to the microsecond.
 */
public final class JdbcJobStore implements JobStore {

    /** The most rows one {@code INSERT} of {@link #record} carries (11 parameters each). */
    static final int ROWS_PER_STATEMENT = 1000;
    /** Jobs one {@code DELETE} of {@link #purgeExpired} takes, with their chunks: short transactions. */
    static final int JOBS_PER_PURGE = 100;

    private static final String STORE = "job store";
    private static final int SUBMIT_ATTEMPTS = 3;
    private static final String KEY = " where owner = ? and job_id = ?";
    private static final String SELECT = "select " + JobRows.COLUMNS + " from jobs" + KEY;
    private static final String SELECT_LIVE = SELECT + " and expires_at > ?";
    private static final String DELETE_EXPIRED = "delete from jobs" + KEY + " and expires_at <= ?";
    private static final String INSERT = "insert into jobs (owner, job_id, fingerprint, request, plan, chunk_count,"
            + " state, created_at, deadline, expires_at, traceparent, tracestate)"
            + " values (?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?, ?, ?)";
    private static final String CLAIM = "update jobs set state = 'RUNNING', lease_holder = ?, lease_until = ?" + KEY
            + " and state in ('PENDING', 'RUNNING') and not cancel_requested and expires_at > ?"
            + " and (lease_holder is null or lease_until <= ? or lease_holder = ?)";
    private static final String RENEW = "update jobs set lease_until = ?, retries = ?, hedges = ?" + KEY
            + " and state = 'RUNNING' and lease_holder = ?";
    private static final String FINISH = "update jobs set state = ?, retries = ?, hedges = ?, outcome = ?,"
            + " finished_at = ?, lease_holder = null, lease_until = null" + KEY
            + " and state = 'RUNNING' and lease_holder = ?";
    private static final String CANCEL = "update jobs set state = 'CANCELLED', finished_at = ?, lease_holder = null,"
            + " lease_until = null" + KEY + " and expires_at > ?"
            + " and (state = 'PENDING' or (state = 'RUNNING' and (lease_until is null or lease_until <= ?)))";
    private static final String REQUEST_CANCEL = "update jobs set cancel_requested = true" + KEY
            + " and expires_at > ? and state = 'RUNNING' and lease_until > ?";
    private static final String REDRIVE = "update jobs set state = 'PENDING', runs = runs + 1, outcome = null,"
            + " finished_at = null, deadline = ?, expires_at = ?, cancel_requested = false, lease_holder = null,"
            + " lease_until = null" + KEY + " and state in ('PARTIAL', 'FAILED') and expires_at > ?";
    private static final String COUNT_UNFINISHED = "select count(*) from jobs where owner = ?"
            + " and state in ('PENDING', 'RUNNING') and expires_at > ?";
    private static final String PURGE = "delete from jobs where (owner, job_id) in (select owner, job_id from jobs"
            + " where expires_at <= ? limit " + JOBS_PER_PURGE + ")";
    private static final String LOCK_JOB = "select runs from jobs" + KEY + " for update";
    private static final String CHUNKS = "select " + JobRows.CHUNK_COLUMNS + " from job_chunks" + KEY
            + " order by idx";

    private final DataSource dataSource;
    private volatile Boolean exactSkipCounts;

    public JdbcJobStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public StoredJob submit(NewJob job, Instant now) {
        JobChecks.newJob(job);
        JobKey key = job.key();
        try (Connection c = dataSource.getConnection()) {
            for (int attempt = 0; attempt < SUBMIT_ATTEMPTS; attempt++) {
                // an expired job under the key goes first, its chunks with it (on delete cascade)
                execute(c, DELETE_EXPIRED, key.owner(), key.jobId(), utc(now));
                try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                    bind(insert, key.owner(), key.jobId(), job.fingerprint(), job.request(), job.plan(),
                            job.chunkCount(), utc(job.createdAt()), utc(job.deadline()), utc(job.expiresAt()),
                            JobRows.traceparent(job.trace()), JobRows.tracestate(job.trace()));
                    insert.executeUpdate();
                    return JobRows.pending(job);
                } catch (SQLException e) {
                    if (!SqlFailures.isUniqueViolation(e)) {
                        throw e;
                    }
                }
                // a live job holds the key; unless it expired or was purged since, it is the answer
                Optional<StoredJob> existing = select(c, key, now);
                if (existing.isPresent()) {
                    return existing.get();
                }
            }
        } catch (SQLException e) {
            throw SqlFailures.translate(STORE, "submit", e);
        }
        throw new StoreUnavailableException(STORE + " failed: submit (the key changed hands " + SUBMIT_ATTEMPTS
                + " times)");
    }

    @Override
    public Optional<StoredJob> find(JobKey key, Instant now) {
        try (Connection c = dataSource.getConnection()) {
            return select(c, key, now);
        } catch (SQLException e) {
            throw SqlFailures.translate(STORE, "find", e);
        }
    }

    @Override
    public Optional<StoredJob> claim(JobKey key, String holder, Instant now, Instant leaseUntil) {
        JobChecks.holder(holder);
        return updateAndRead("claim", key, CLAIM, holder, utc(leaseUntil), key.owner(), key.jobId(), utc(now),
                utc(now), holder);
    }

    @Override
    public Optional<StoredJob> renew(JobKey key, String holder, Instant leaseUntil, long retries, long hedges) {
        JobChecks.holder(holder);
        JobChecks.counts(retries, hedges);
        return updateAndRead("renew", key, RENEW, utc(leaseUntil), retries, hedges, key.owner(), key.jobId(),
                holder);
    }

    @Override
    public int record(JobKey key, List<ChunkRecord> chunks) {
        // one row per index, in index order: callers that overlap take the rows' locks in the same order, so two
        // statements never wait on each other in a cycle
        Map<Integer, ChunkRecord> first = new LinkedHashMap<>();
        chunks.forEach(chunk -> first.putIfAbsent(chunk.index(), chunk));
        List<ChunkRecord> rows = new ArrayList<>(first.values());
        rows.sort(Comparator.comparingInt(ChunkRecord::index));
        if (rows.isEmpty()) {
            return 0;
        }
        try (Connection c = dataSource.getConnection()) {
            if (!countsConcurrentSkips(c)) {
                return inTransaction(c, tx -> {
                    // H2 miscounts the rows an ON CONFLICT DO NOTHING inserted when another transaction inserts the
                    // same keys at the same time: recorders of one job take turns on its row instead
                    if (!locked(tx, key)) {
                        return 0;
                    }
                    return insertChunks(tx, key, rows);
                });
            }
            return insertChunkArrays(c, key, rows);
        } catch (SQLException e) {
            throw SqlFailures.translate(STORE, "record", e);
        }
    }

    /** PostgreSQL: the rows as arrays, in statements of at most {@link #ROWS_PER_STATEMENT}; how many were new. */
    private static int insertChunkArrays(Connection c, JobKey key, List<ChunkRecord> rows) throws SQLException {
        int recorded = 0;
        try (PreparedStatement insert = c.prepareStatement(JobRows.INSERT_CHUNK_ARRAYS)) {
            for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
                JobRows.bindChunkArrays(c, insert, key,
                        rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT)));
                try {
                    recorded += insert.executeUpdate();
                } catch (SQLException e) {
                    if (SqlFailures.isMissingParent(e)) {
                        return recorded; // no job under the key (never, or purged meanwhile)
                    }
                    throw e;
                }
            }
        }
        return recorded;
    }

    /** The rows in statements of at most {@link #ROWS_PER_STATEMENT}; how many were new. */
    private static int insertChunks(Connection c, JobKey key, List<ChunkRecord> rows) throws SQLException {
        int recorded = 0;
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            List<ChunkRecord> part = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
            try (PreparedStatement insert = c.prepareStatement(JobRows.insertChunks(part.size()))) {
                JobRows.bindChunks(insert, key, part);
                recorded += insert.executeUpdate();
            } catch (SQLException e) {
                if (SqlFailures.isMissingParent(e) && c.getAutoCommit()) {
                    // no job under the key (never, or purged meanwhile): nothing more to record for it
                    return recorded;
                }
                throw e;
            }
        }
        return recorded;
    }

    /**
     * Whether the engine's update count of {@code INSERT ... ON CONFLICT DO NOTHING} is exact while other
     * transactions insert the same keys: PostgreSQL's is (a conflicting insert waits for the other to commit, then
     * skips the row); H2's is not.
     */
    private boolean countsConcurrentSkips(Connection c) throws SQLException {
        Boolean exact = exactSkipCounts;
        if (exact == null) {
            exact = !"H2".equals(c.getMetaData().getDatabaseProductName());
            exactSkipCounts = exact;
        }
        return exact;
    }

    @Override
    public List<ChunkRecord> chunks(JobKey key) {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(CHUNKS)) {
            bind(select, key.owner(), key.jobId());
            List<ChunkRecord> chunks = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    chunks.add(JobRows.chunk(rs));
                }
            }
            return chunks;
        } catch (SQLException e) {
            throw SqlFailures.translate(STORE, "chunks", e);
        }
    }

    @Override
    public boolean finish(JobKey key, String holder, JobState state, long retries, long hedges, String outcome,
            Instant finishedAt) {
        JobChecks.holder(holder);
        JobChecks.finish(state, retries, hedges, outcome);
        try (Connection c = dataSource.getConnection()) {
            return execute(c, FINISH, state.name(), retries, hedges, outcome, utc(finishedAt), key.owner(),
                    key.jobId(), holder) == 1;
        } catch (SQLException e) {
            throw SqlFailures.translate(STORE, "finish", e);
        }
    }

    @Override
    public Optional<StoredJob> cancel(JobKey key, Instant now) {
        return inTransaction("cancel", c -> {
            // at once when no holder runs it; else the holder is asked to stop; a final job is left as it is
            if (execute(c, CANCEL, utc(now), key.owner(), key.jobId(), utc(now), utc(now)) == 0) {
                execute(c, REQUEST_CANCEL, key.owner(), key.jobId(), utc(now), utc(now));
            }
            return select(c, key, now);
        });
    }

    @Override
    public Optional<StoredJob> redrive(JobKey key, Instant now, Instant deadline, Instant expiresAt) {
        return inTransaction("redrive", c -> {
            execute(c, REDRIVE, utc(deadline), utc(expiresAt), key.owner(), key.jobId(), utc(now));
            return select(c, key, now);
        });
    }

    @Override
    public int countUnfinished(String owner, Instant now) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement count = c.prepareStatement(COUNT_UNFINISHED)) {
            bind(count, owner, utc(now));
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw SqlFailures.translate(STORE, "countUnfinished", e);
        }
    }

    @Override
    public int purgeExpired(Instant now) {
        int purged = 0;
        try (Connection c = dataSource.getConnection()) {
            int deleted;
            do {
                deleted = execute(c, PURGE, utc(now));
                purged += deleted;
            } while (deleted == JOBS_PER_PURGE);
            return purged;
        } catch (SQLException e) {
            throw SqlFailures.translate(STORE, "purgeExpired", e);
        }
    }

    /** A compare-and-set: the update, then the job as it wrote it, in one transaction; empty when it did not apply. */
    private Optional<StoredJob> updateAndRead(String operation, JobKey key, String update, Object... parameters) {
        return inTransaction(operation, c -> execute(c, update, parameters) == 1 ? select(c, key) : Optional.empty());
    }

    private <T> T inTransaction(String operation, SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return inTransaction(c, work);
        } catch (SQLException e) {
            throw SqlFailures.translate(STORE, operation, e);
        }
    }

    private static <T> T inTransaction(Connection c, SqlWork<T> work) throws SQLException {
        c.setAutoCommit(false);
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static Optional<StoredJob> select(Connection c, JobKey key, Instant now) throws SQLException {
        return query(c, SELECT_LIVE, key.owner(), key.jobId(), utc(now));
    }

    private static Optional<StoredJob> select(Connection c, JobKey key) throws SQLException {
        return query(c, SELECT, key.owner(), key.jobId());
    }

    private static boolean locked(Connection c, JobKey key) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement(LOCK_JOB)) {
            bind(lock, key.owner(), key.jobId());
            try (ResultSet rs = lock.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static Optional<StoredJob> query(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(sql)) {
            bind(select, parameters);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(JobRows.job(rs)) : Optional.empty();
            }
        }
    }

    private static int execute(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            bind(statement, parameters);
            return statement.executeUpdate();
        }
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i] == null) {
                statement.setNull(i + 1, Types.VARCHAR);
            } else {
                statement.setObject(i + 1, parameters[i]);
            }
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }
}
