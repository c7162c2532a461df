package dev.cumulus.store.jdbc;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

/**
 * The store's schema migration, run on a thread of its own while the app goes on starting: opening the database and
 * Flyway's check of the schema no longer hold up the HTTP server, and a first request that reaches the store before
 * the migration has finished waits for it ({@link #await()}) instead of failing. A migration that fails stops the
 * app, as a failing migration at start does: an instance without its schema must not look healthy.
 */
public final class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class);

    private final Runnable migrate;
    private final Duration wait;
    private final Runnable onFailure;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile boolean migrated;
    private boolean started;

    /**
     * @param migrate the migration (Flyway's {@code migrate()} on the store's datasource)
     * @param wait the longest a caller waits in {@link #await()} for a migration still running
     * @param onFailure what to do once a migration has failed and been logged (stop the app)
     */
    public SchemaMigration(Runnable migrate, Duration wait, Runnable onFailure) {
        this.migrate = Objects.requireNonNull(migrate, "migrate");
        this.wait = Objects.requireNonNull(wait, "wait");
        this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
        if (wait.isNegative() || wait.isZero()) {
            throw new IllegalArgumentException("the wait for the schema migration must be positive, was " + wait);
        }
    }

    /** A migration that has nothing to do: the schema is someone else's to create (migrate-at-start off). */
    public static SchemaMigration none() {
        SchemaMigration none = new SchemaMigration(() -> {
        }, Duration.ofSeconds(1), () -> {
        });
        none.run();
        return none;
    }

    /** Starts the migration on a new daemon thread; a second call does nothing. */
    public synchronized void start() {
        if (!started) {
            started = true;
            Thread thread = new Thread(this::run, "store-schema-migration");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Runs the migration on the calling thread. */
    void run() {
        try {
            migrate.run();
            migrated = true;
            done.complete(null);
        } catch (RuntimeException | Error e) {
            done.completeExceptionally(e);
            LOG.error("The store's schema migration failed; the app stops", e);
            onFailure.run();
        }
    }

    /**
     * Returns once the schema is migrated: at once after the first success, else after waiting for the running
     * migration at most the configured time.
     *
     * @throws SQLException with a connection SQLState (08), so the stores report the store as unavailable: the
     *         migration failed, is still running after the wait, or the wait was interrupted
     */
    public void await() throws SQLException {
        if (migrated) {
            return;
        }
        try {
            done.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new SQLNonTransientConnectionException("the store's schema migration failed", "08001", e.getCause());
        } catch (TimeoutException e) {
            throw new SQLTransientConnectionException("the store's schema migration has not finished after " + wait,
                    "08001");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException("interrupted while waiting for the store's schema migration",
                    "08001");
        }
    }

    /** Whether the migration has finished successfully. */
    public boolean isDone() {
        return migrated;
    }
}
