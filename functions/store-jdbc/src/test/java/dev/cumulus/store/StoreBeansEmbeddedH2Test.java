package dev.cumulus.store;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;

import dev.cumulus.store.jdbc.JdbcJobStore;
import dev.cumulus.store.jdbc.JdbcUserStore;
import dev.cumulus.store.job.JobStore;
import dev.cumulus.store.password.Argon2Parameters;
import dev.cumulus.store.password.PasswordHasher;
import dev.cumulus.store.user.UserStore;
import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(JdbcWiringProfiles.EmbeddedH2.class)
class StoreBeansEmbeddedH2Test {

    @Inject
    UserStore store;

    @Inject
    JobStore jobs;

    @Inject
    PasswordHasher hasher;

    @Inject
    @Readiness
    UserStoreReadiness readiness;

    @Inject
    @DataSource("embedded")
    AgroalDataSource embedded;

    @Test
    void embeddedProfile_keepsAccountsInTheMigratedH2Database() throws Exception {
        // the inactive PostgreSQL datasource points nowhere: the store reached, and so migrated, the embedded one
        assertThat(StoreWiring.unwrap(store)).isInstanceOf(JdbcUserStore.class);
        StoreWiring.assertRoundTrip(store, hasher);
        try (var c = embedded.getConnection();
                var rs = c.createStatement()
                        .executeQuery("select version from flyway_schema_history where type = 'SQL' and success"
                                + " order by installed_rank")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("1");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("2");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("3");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("4");
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void embeddedProfile_keepsJobsInTheSameDatabase() {
        assertThat(StoreWiring.unwrap(jobs)).isInstanceOf(JdbcJobStore.class);
        StoreWiring.assertJobRoundTrip(jobs);
    }

    @Test
    void readiness_reachableStore_isUp() {
        assertThat(readiness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void hasher_takesItsParametersFromConfig() {
        assertThat(hasher.parameters()).isEqualTo(new Argon2Parameters(64, 1, 1));
    }
}
