package dev.cumulus.store.jdbc;

import java.sql.SQLException;

import dev.cumulus.store.StoreUnavailableException;

/**
 * Turns a JDBC failure into an unchecked exception that says which operation failed and the SQLState, but not the
 * driver's message: PostgreSQL's can quote the failing row, and so a password hash.
 */
final class SqlFailures {

    static final String UNIQUE_VIOLATION = "23505";

    private SqlFailures() {
    }

    static boolean isUniqueViolation(SQLException e) {
        return UNIQUE_VIOLATION.equals(e.getSQLState());
    }

    static RuntimeException translate(String operation, SQLException e) {
        String state = e.getSQLState();
        String what = operation + " (SQLState " + state + ", " + e.getClass().getSimpleName() + ")";
        if (state != null && state.startsWith("22")) {
            // data exception: a value the caller should have refused, such as a username longer than its column
            return new IllegalArgumentException("user store refused a value: " + what);
        }
        if (state == null || state.startsWith("08")) {
            // a connection failure, or the pool's own (no SQLState): the message names a host or a time-out, no data,
            // and helps whoever reads the log
            return new StoreUnavailableException("user store unreachable: " + what, e);
        }
        return new StoreUnavailableException("user store failed: " + what);
    }
}
