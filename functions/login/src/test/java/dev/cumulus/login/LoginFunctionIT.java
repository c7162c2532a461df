package dev.cumulus.login;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same calls against the packaged application. */
@QuarkusIntegrationTest
class LoginFunctionIT extends LoginFunctionTest {
}
