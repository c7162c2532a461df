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

import dev.cumulus.store.job.ChunkRecord;
import dev.cumulus.store.job.JobKey;
import dev.cumulus.store.job.JobState;
import dev.cumulus.store.job.NewJob;
import dev.cumulus.store.job.StoredJob;

/** The rows of {@code jobs} and {@code job_chunks} as the job store's types, and back. */
final class JobRows {

    static final String COLUMNS = "owner, job_id, fingerprint, request, plan, chunk_count, state, created_at,"
            + " deadline, expires_at, lease_holder, lease_until, cancel_requested, runs, retries, hedges, outcome,"
            + " finished_at";
    static final String CHUNK_COLUMNS = "idx, chunk_offset, chunk_length, value_count, sum_text, min_text, max_text,"
            + " attempts";
    private static final String INSERT_CHUNKS = "insert into job_chunks (owner, job_id, " + CHUNK_COLUMNS
            + ") values ";
    private static final String CHUNK_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private JobRows() {
    }

    /** A new job as {@code submit} writes it. */
    static StoredJob pending(NewJob job) {
        return new StoredJob(job.key(), job.fingerprint(), job.request(), job.plan(), job.chunkCount(),
                JobState.PENDING, micros(job.createdAt()), micros(job.deadline()), micros(job.expiresAt()), null, null,
                false, 1, 0, 0, null, null);
    }

    static StoredJob job(ResultSet rs) throws SQLException {
        return new StoredJob(new JobKey(rs.getString("owner"), rs.getString("job_id")), rs.getString("fingerprint"),
                rs.getString("request"), rs.getString("plan"), rs.getInt("chunk_count"),
                JobState.valueOf(rs.getString("state")), instant(rs, "created_at"), instant(rs, "deadline"),
                instant(rs, "expires_at"), rs.getString("lease_holder"), instant(rs, "lease_until"),
                rs.getBoolean("cancel_requested"), rs.getInt("runs"), rs.getLong("retries"), rs.getLong("hedges"),
                rs.getString("outcome"), instant(rs, "finished_at"));
    }

    static ChunkRecord chunk(ResultSet rs) throws SQLException {
        return new ChunkRecord(rs.getInt("idx"), rs.getLong("chunk_offset"), rs.getLong("chunk_length"),
                rs.getLong("value_count"), rs.getString("sum_text"), rs.getString("min_text"),
                rs.getString("max_text"), rs.getInt("attempts"));
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
        }
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
