package dev.cumulus.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.cumulus.core.testing.HostileRequests;
import dev.cumulus.core.testing.RawHttp;
import dev.cumulus.store.testing.PostgresSchemaResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Hostile requests drawn at random (with a fixed seed: the same ones every run) get 200 or a documented 4xx with the
 * JSON error body, never a 500, and the function still answers afterwards.
 */
@QuarkusTest
@WithTestResource(PostgresSchemaResource.class)
class RequestGluePropertyTest {

    static final Set<Integer> ANSWERS = Set.of(200, 400, 404, 405, 413, 415, 422);
    static final long SEED = 20261201L;
    static final int TRIES = 150;

    @Test
    void hostileRequests_answeredWithAStatusOfTheContractNever500() throws IOException {
        // given
        List<HostileRequests.Request> requests = new HostileRequests("register",
                List.of("username", "password", "email"), false).sample(SEED, TRIES);

        for (HostileRequests.Request request : requests) {
            // when
            RawHttp.Answer answer = RawHttp.send(RestAssured.port, request.head(),
                    request.body() == null ? new byte[0] : request.body());

            // then
            assertThat(answer.status()).as("status of %s", request).isIn(ANSWERS);
            if (answer.status() != 200) {
                JsonNode error = answer.json().path("error");
                assertThat(error.path("code").isTextual()).as("error code of %s: %s", request, answer.text()).isTrue();
                assertThat(error.path("message").isTextual()).as("error message of %s", request).isTrue();
            }
        }
        assertThat(RawHttp.send(RestAssured.port, "GET /q/health/live HTTP/1.1").status()).isEqualTo(200);
    }
}
