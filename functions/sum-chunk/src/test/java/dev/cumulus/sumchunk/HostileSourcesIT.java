package dev.cumulus.sumchunk;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same hostile sources against the packaged application. */
@QuarkusIntegrationTest
class HostileSourcesIT extends HostileSourcesTest {
}
