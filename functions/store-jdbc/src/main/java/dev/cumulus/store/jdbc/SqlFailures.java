package dev.cumulus.store.jdbc;

import java.sql.SQLException;

import dev.cumulus.store.StoreUnavailableException;

/**
 * Turns a JDBC failure into an unchecked exception that says which operation failed and the SQLState, but not the
 * driver's message: PostgreSQL's can quote the failing row, and so a password hash.
 */
final class SqlFailures {

    static final String UNIQUE_VIOLATION = "23505";
    /** A row that names a parent row that is not there: PostgreSQL's code, then H2's. */
    private static final String FOREIGN_KEY_VIOLATION = "23503";
    private static final String H2_PARENT_MISSING = "23506";

    private SqlFailures() {
    }

    static boolean isUniqueViolation(SQLException e) {
        return UNIQUE_VIOLATION.equals(e.getSQLState());
    }

    static boolean isMissingParent(SQLException e) {
        return FOREIGN_KEY_VIOLATION.equals(e.getSQLState()) || H2_PARENT_MISSING.equals(e.getSQLState());
    }

    static RuntimeException translate(String operation, SQLException e) {
        return translate("user store", operation, e);
    }

    /** As {@link #translate(String, SQLException)}, for the store named {@code store} ("job store"). */
    static RuntimeException translate(String store, String operation, SQLException e) {
        String state = e.getSQLState();
        String what = operation + " (SQLState " + state + ", " + e.getClass().getSimpleName() + ")";
        if (state != null && state.startsWith("22")) {
            // data exception: a value the caller should have refused, such as a username longer than its column
            return new IllegalArgumentException(store + " refused a value: " + what);
        }
        if (state == null || state.startsWith("08")) {
            // a connection failure, or the pool's own (no SQLState): the message names a host or a time-out, no data,
            // and helps whoever reads the log
            return new StoreUnavailableException(store + " unreachable: " + what, e);
        }
        return new StoreUnavailableException(store + " failed: " + what);
    }
}
