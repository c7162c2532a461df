package dev.cumulus.store;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;

import dev.cumulus.store.jdbc.JdbcJobStore;
import dev.cumulus.store.jdbc.JdbcUserStore;
import dev.cumulus.store.job.JobStore;
import dev.cumulus.store.password.PasswordHasher;
import dev.cumulus.store.user.UserStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(JdbcWiringProfiles.Postgres.class)
class StoreBeansPostgresTest {

    @Inject
    UserStore store;

    @Inject
    JobStore jobs;

    @Inject
    PasswordHasher hasher;

    @Inject
    @Readiness
    UserStoreReadiness readiness;

    @Test
    void postgresProfile_keepsAccountsInTheMigratedSchema() {
        assertThat(StoreWiring.unwrap(store)).isInstanceOf(JdbcUserStore.class);
        StoreWiring.assertRoundTrip(store, hasher);
        assertThat(readiness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void postgresProfile_keepsJobsInTheSameSchema() {
        assertThat(StoreWiring.unwrap(jobs)).isInstanceOf(JdbcJobStore.class);
        StoreWiring.assertJobRoundTrip(jobs);
    }
}
