package dev.cumulus.sumchunk;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same requests against the packaged application. */
@QuarkusIntegrationTest
class RequestGlueIT extends RequestGlueTest {
}
