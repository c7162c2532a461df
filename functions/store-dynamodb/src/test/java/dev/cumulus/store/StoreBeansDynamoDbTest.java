package dev.cumulus.store;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;

import dev.cumulus.store.dynamodb.DynamoDbJobStore;
import dev.cumulus.store.dynamodb.DynamoDbUserStore;
import dev.cumulus.store.job.JobStore;
import dev.cumulus.store.password.PasswordHasher;
import dev.cumulus.store.user.UserStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(DynamoDbWiringProfiles.DynamoDb.class)
class StoreBeansDynamoDbTest {

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
    void dynamoDbProfile_keepsAccountsInTheTableItCreated() {
        // no datasource on the class path: the app started without a database
        assertThat(StoreWiring.unwrap(store)).isInstanceOf(DynamoDbUserStore.class);
        StoreWiring.assertRoundTrip(store, hasher);
        assertThat(readiness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void dynamoDbProfile_keepsJobsInTheJobsTableItCreated() {
        assertThat(StoreWiring.unwrap(jobs)).isInstanceOf(DynamoDbJobStore.class);
        StoreWiring.assertJobRoundTrip(jobs);
    }
}
