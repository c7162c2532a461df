package dev.cumulus.sumchunk;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same calls against the packaged application. */
@QuarkusIntegrationTest
class SumChunkFunctionIT extends SumChunkFunctionTest {
}
