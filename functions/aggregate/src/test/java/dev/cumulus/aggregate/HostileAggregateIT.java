package dev.cumulus.aggregate;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same attacks against the packaged {@code aggregate}, calling the packaged {@code sum-chunk}. */
@QuarkusIntegrationTest
class HostileAggregateIT extends HostileAggregateTest {
}
