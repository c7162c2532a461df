package dev.cumulus.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import dev.cumulus.core.error.UsernameTakenException;
import dev.cumulus.store.user.AttemptCounter;
import dev.cumulus.store.user.LockRule;
import dev.cumulus.store.user.LoginAttempt;
import dev.cumulus.store.user.NewUser;
import dev.cumulus.store.user.StoredUser;
import dev.cumulus.store.user.UserStore;

/**
 * Accounts in the {@code users} table of PostgreSQL or H2 (schema: {@code db/migration/V1__users.sql}, applied by
 * Flyway). The unique constraint on {@code username} decides between concurrent registrations; a login attempt is
 * counted by a conditional {@code UPDATE} that applies only if the count and lock are still those read (see
 * {@link AttemptCounter}). Instants are kept to the microsecond, the precision of both databases.
 */
public final class JdbcUserStore implements UserStore {

    private static final String COLUMNS = "id, username, email, password_hash, created_at, failed_logins, locked_until";
    private static final String INSERT = "insert into users (" + COLUMNS + ") values (?, ?, ?, ?, ?, 0, null)";
    private static final String SELECT = "select " + COLUMNS + " from users where username = ?";
    // compare-and-set: the count and the lock change only if they are still the ones the decision was made on
    private static final String COUNT_ATTEMPT = "update users set failed_logins = ?, locked_until = ?"
            + " where username = ? and failed_logins = ? and locked_until ";
    private static final String SUCCESS = "update users set failed_logins = 0, locked_until = null,"
            + " password_hash = coalesce(?, password_hash) where username = ?";

    private final DataSource dataSource;
    private final int pingTimeoutSeconds;

    public JdbcUserStore(DataSource dataSource, Duration pingTimeout) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        // JDBC query time-outs are whole seconds; zero would mean none
        this.pingTimeoutSeconds = (int) Math.max(1, (pingTimeout.toMillis() + 999) / 1000);
    }

    @Override
    public StoredUser create(NewUser user) {
        Instant createdAt = micros(user.createdAt());
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(INSERT)) {
            insert.setObject(1, user.id());
            insert.setString(2, user.username());
            insert.setString(3, user.email());
            insert.setString(4, user.passwordHash());
            insert.setObject(5, OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC));
            insert.executeUpdate();
        } catch (SQLException e) {
            // the only other unique key is the random id; a collision there is not worth telling apart
            if (SqlFailures.isUniqueViolation(e)) {
                throw new UsernameTakenException();
            }
            throw SqlFailures.translate("create", e);
        }
        return new StoredUser(user.id(), user.username(), user.email(), user.passwordHash(), createdAt, 0, null);
    }

    @Override
    public Optional<StoredUser> find(String username) {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(SELECT)) {
            select.setString(1, username);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw SqlFailures.translate("find", e);
        }
    }

    @Override
    public LoginAttempt beginLogin(String username, Instant now, LockRule rule) {
        return AttemptCounter.begin(username, now, rule, this::find, this::compareAndSet);
    }

    private boolean compareAndSet(String username, int expectedFailures, Instant expectedLock, int failures,
            Instant lockedUntil) {
        String sql = COUNT_ATTEMPT + (expectedLock == null ? "is null" : "= ?");
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement(sql)) {
            update.setInt(1, failures);
            update.setObject(2, lockedUntil == null ? null : utc(lockedUntil), Types.TIMESTAMP_WITH_TIMEZONE);
            update.setString(3, username);
            update.setInt(4, expectedFailures);
            if (expectedLock != null) {
                update.setObject(5, utc(expectedLock));
            }
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw SqlFailures.translate("beginLogin", e);
        }
    }

    @Override
    public void recordSuccess(String username, String newPasswordHash) {
        update("recordSuccess", SUCCESS, newPasswordHash, username);
    }

    @Override
    public void ping() {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement("select 1")) {
            select.setQueryTimeout(pingTimeoutSeconds);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
            }
        } catch (SQLException e) {
            throw SqlFailures.translate("ping", e);
        }
    }

    private void update(String operation, String sql, Object value, String username) {
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement(sql)) {
            if (value == null) {
                update.setNull(1, Types.VARCHAR);
            } else {
                update.setObject(1, value);
            }
            update.setString(2, username);
            update.executeUpdate();
        } catch (SQLException e) {
            throw SqlFailures.translate(operation, e);
        }
    }

    private static StoredUser read(ResultSet rs) throws SQLException {
        OffsetDateTime lockedUntil = rs.getObject("locked_until", OffsetDateTime.class);
        return new StoredUser(rs.getObject("id", UUID.class), rs.getString("username"), rs.getString("email"),
                rs.getString("password_hash"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getInt("failed_logins"), lockedUntil == null ? null : lockedUntil.toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(micros(instant), ZoneOffset.UTC);
    }

    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
