package dev.cumulus.register;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same calls against the packaged application. */
@QuarkusIntegrationTest
class RegisterFunctionIT extends RegisterFunctionTest {
}
