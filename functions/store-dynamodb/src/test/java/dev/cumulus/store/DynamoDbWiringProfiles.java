package dev.cumulus.store;

import java.util.List;

import dev.cumulus.store.testing.DynamoDbLocalResource;
import io.quarkus.test.junit.QuarkusTestProfile;

/** How an app keeps its accounts in DynamoDB, as a Quarkus test profile. */
final class DynamoDbWiringProfiles {

    private DynamoDbWiringProfiles() {
    }

    /** Lambda: DynamoDB Local on a free loopback port; no datasource exists at all. */
    public static class DynamoDb implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(DynamoDbLocalResource.class));
        }
    }
}
