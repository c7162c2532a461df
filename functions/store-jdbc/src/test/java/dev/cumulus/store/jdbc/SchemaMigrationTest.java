package dev.cumulus.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class SchemaMigrationTest {

    final AtomicInteger runs = new AtomicInteger();
    final AtomicInteger failures = new AtomicInteger();

    @Test
    void migrated_awaitReturnsAtOnce() throws Exception {
        // given
        SchemaMigration migration = new SchemaMigration(runs::incrementAndGet, Duration.ofMillis(1),
                failures::incrementAndGet);

        // when
        migration.run();

        // then
        migration.await();
        assertThat(migration.isDone()).isTrue();
        assertThat(runs).hasValue(1);
        assertThat(failures).hasValue(0);
    }

    @Test
    void startedTwice_migratesOnce_awaitWaitsForIt() throws Exception {
        // given: a migration held until the test lets it go
        CountDownLatch release = new CountDownLatch(1);
        SchemaMigration migration = new SchemaMigration(() -> {
            runs.incrementAndGet();
            await(release);
        }, Duration.ofSeconds(30), failures::incrementAndGet);

        // when
        migration.start();
        migration.start();
        assertThat(migration.isDone()).isFalse();
        release.countDown();

        // then: await returns once the one run has finished
        migration.await();
        assertThat(migration.isDone()).isTrue();
        assertThat(runs).hasValue(1);
    }

    @Test
    void stillRunningAfterTheWait_transientConnectionFailure() {
        // given: a migration that does not finish while the caller waits
        CountDownLatch release = new CountDownLatch(1);
        SchemaMigration migration = new SchemaMigration(() -> await(release), Duration.ofMillis(20),
                failures::incrementAndGet);
        migration.start();
        try {
            // when / then: an 08 SQLState, which the stores report as an unavailable store
            assertThatThrownBy(migration::await).isInstanceOf(SQLTransientConnectionException.class)
                    .hasMessageContaining("has not finished").extracting("SQLState").isEqualTo("08001");
        } finally {
            release.countDown();
        }
    }

    @Test
    void failed_everyAwaitFails_andTheAppIsStoppedOnce() {
        // given
        SchemaMigration migration = new SchemaMigration(() -> {
            throw new IllegalStateException("checksum mismatch for V1");
        }, Duration.ofSeconds(1), failures::incrementAndGet);

        // when
        migration.run();

        // then
        assertThat(failures).hasValue(1);
        assertThat(migration.isDone()).isFalse();
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(migration::await).isInstanceOf(SQLNonTransientConnectionException.class)
                    .hasMessage("the store's schema migration failed").extracting("SQLState").isEqualTo("08001");
        }
    }

    @Test
    void none_nothingToWaitFor() throws Exception {
        SchemaMigration none = SchemaMigration.none();

        none.await();

        assertThat(none.isDone()).isTrue();
    }

    @Test
    void waitNotPositive_refused() {
        assertThatThrownBy(() -> new SchemaMigration(() -> {
        }, Duration.ZERO, () -> {
        })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be positive");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
