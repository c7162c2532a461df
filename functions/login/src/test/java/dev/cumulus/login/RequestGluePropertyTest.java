package dev.cumulus.login;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cumulus.core.testing.HostileRequests;
import dev.cumulus.core.testing.RequestGlueProperty;
import dev.cumulus.store.testing.PostgresSchemaResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Hostile requests drawn at random (with a fixed seed: the same ones every run) get 200 or a documented 4xx with the
 * JSON error body, never a 500, and the function still answers afterwards (401 for an unknown name or a wrong password).
 */
@QuarkusTest
@WithTestResource(PostgresSchemaResource.class)
@WithTestResource(SigningKeyResource.class)
class RequestGluePropertyTest {

    @Test
    void hostileRequests_answeredWithAStatusOfTheContractNever500() throws IOException {
        RequestGlueProperty.check(RestAssured.port, new HostileRequests("login",
                List.of("username", "password"), false), 150, 401);
    }
}
