package dev.cumulus.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import dev.cumulus.core.request.TraceContext;
import dev.cumulus.store.job.ChunkRecord;
import dev.cumulus.store.job.JobKey;
import dev.cumulus.store.job.JobState;
import dev.cumulus.store.job.NewJob;
import dev.cumulus.store.job.StoredJob;

/** The rows of {@code jobs} and {@code job_chunks} as the job store's types, and back. */
final class JobRows {

    static final String COLUMNS = "owner, job_id, fingerprint, request, plan, chunk_count, state, created_at,"
            + " deadline, expires_at, lease_holder, lease_until, cancel_requested, runs, retries, hedges, outcome,"
            + " finished_at, traceparent, tracestate";
    static final String CHUNK_COLUMNS = "idx, chunk_offset, chunk_length, value_count, sum_text, min_text, max_text,"
            + " attempts, skipped";
    private static final String INSERT_CHUNKS = "insert into job_chunks (owner, job_id, " + CHUNK_COLUMNS
            + ") values ";
    private static final String CHUNK_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /**
     * PostgreSQL: any number of rows as arrays, column by column, in one statement whose text never changes, so the
     * server plans it once per connection instead of once per batch size (planning a 500-row VALUES list took longer
     * than running it).
     */
    static final String INSERT_CHUNK_ARRAYS = "insert into job_chunks (owner, job_id, " + CHUNK_COLUMNS
            + ") select ?, ?, t.* from unnest(?::int[], ?::bigint[], ?::bigint[], ?::bigint[], ?::text[], ?::text[],"
            + " ?::text[], ?::int[], ?::bigint[]) as t on conflict do nothing";

    private JobRows() {
    }

    /** A new job as {@code submit} writes it. */
    static StoredJob pending(NewJob job) {
        return new StoredJob(job.key(), job.fingerprint(), job.request(), job.plan(), job.chunkCount(),
                JobState.PENDING, micros(job.createdAt()), micros(job.deadline()), micros(job.expiresAt()), null, null,
                false, 1, 0, 0, null, null, job.trace());
    }

    static StoredJob job(ResultSet rs) throws SQLException {
        return new StoredJob(new JobKey(rs.getString("owner"), rs.getString("job_id")), rs.getString("fingerprint"),
                rs.getString("request"), rs.getString("plan"), rs.getInt("chunk_count"),
                JobState.valueOf(rs.getString("state")), instant(rs, "created_at"), instant(rs, "deadline"),
                instant(rs, "expires_at"), rs.getString("lease_holder"), instant(rs, "lease_until"),
                rs.getBoolean("cancel_requested"), rs.getInt("runs"), rs.getLong("retries"), rs.getLong("hedges"),
                rs.getString("outcome"), instant(rs, "finished_at"),
                TraceContext.parse(rs.getString("traceparent"), rs.getString("tracestate")).orElse(null));
    }

    /** The {@code traceparent} column of a job submitted with {@code trace}: null for none. */
    static String traceparent(TraceContext trace) {
        return trace == null ? null : trace.traceparent();
    }

    /** The {@code tracestate} column: null for none. */
    static String tracestate(TraceContext trace) {
        return trace == null ? null : trace.state();
    }

    static ChunkRecord chunk(ResultSet rs) throws SQLException {
        return new ChunkRecord(rs.getInt("idx"), rs.getLong("chunk_offset"), rs.getLong("chunk_length"),
                rs.getLong("value_count"), rs.getString("sum_text"), rs.getString("min_text"),
                rs.getString("max_text"), rs.getInt("attempts"), rs.getLong("skipped"));
    }

    /** One {@code INSERT} of {@code rows} chunks that skips the indices recorded already. */
    static String insertChunks(int rows) {
        StringBuilder sql = new StringBuilder(INSERT_CHUNKS.length() + rows * (CHUNK_ROW.length() + 2) + 32)
                .append(INSERT_CHUNKS);
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append(CHUNK_ROW);
        }
        return sql.append(" on conflict do nothing").toString();
    }

    static void bindChunks(PreparedStatement insert, JobKey key, List<ChunkRecord> chunks) throws SQLException {
        int p = 0;
        for (ChunkRecord chunk : chunks) {
            insert.setString(++p, key.owner());
            insert.setString(++p, key.jobId());
            insert.setInt(++p, chunk.index());
            insert.setLong(++p, chunk.offset());
            insert.setLong(++p, chunk.length());
            insert.setLong(++p, chunk.count());
            insert.setString(++p, chunk.sum());
            setText(insert, ++p, chunk.min());
            setText(insert, ++p, chunk.max());
            insert.setInt(++p, chunk.attempts());
            insert.setLong(++p, chunk.skipped());
        }
    }

    static void bindChunkArrays(java.sql.Connection c, PreparedStatement insert, JobKey key,
            List<ChunkRecord> chunks) throws SQLException {
        int n = chunks.size();
        Object[] idx = new Object[n], offset = new Object[n], length = new Object[n], count = new Object[n];
        Object[] sum = new Object[n], min = new Object[n], max = new Object[n], attempts = new Object[n];
        Object[] skipped = new Object[n];
        for (int i = 0; i < n; i++) {
            ChunkRecord chunk = chunks.get(i);
            idx[i] = chunk.index();
            offset[i] = chunk.offset();
            length[i] = chunk.length();
            count[i] = chunk.count();
            sum[i] = chunk.sum();
            min[i] = chunk.min();
            max[i] = chunk.max();
            attempts[i] = chunk.attempts();
            skipped[i] = chunk.skipped();
        }
        insert.setString(1, key.owner());
        insert.setString(2, key.jobId());
        insert.setArray(3, c.createArrayOf("int4", idx));
        insert.setArray(4, c.createArrayOf("int8", offset));
        insert.setArray(5, c.createArrayOf("int8", length));
        insert.setArray(6, c.createArrayOf("int8", count));
        insert.setArray(7, c.createArrayOf("text", sum));
        insert.setArray(8, c.createArrayOf("text", min));
        insert.setArray(9, c.createArrayOf("text", max));
        insert.setArray(10, c.createArrayOf("int4", attempts));
        insert.setArray(11, c.createArrayOf("int8", skipped));
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(micros(instant), ZoneOffset.UTC);
    }

    static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    private static void setText(PreparedStatement statement, int index, String text) throws SQLException {
        if (text == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, text);
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
