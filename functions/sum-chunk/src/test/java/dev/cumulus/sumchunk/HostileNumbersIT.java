package dev.cumulus.sumchunk;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same hostile numbers against the packaged application. */
@QuarkusIntegrationTest
class HostileNumbersIT extends HostileNumbersTest {
}
