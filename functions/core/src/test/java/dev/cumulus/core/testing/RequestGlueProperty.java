package dev.cumulus.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The property every function's request glue keeps: hostile requests drawn at random (with a fixed seed, so the
 * same ones every run) get 200 or a status of the contract with the JSON error body, never a 500, and the function
 * still answers afterwards.
 */
public final class RequestGlueProperty {

    /** The seed of every function's draw: a failure names its request, and a rerun repeats it. */
    public static final long SEED = 20261201L;

    /** What any function may answer: 200 or a documented 4xx. */
    private static final Set<Integer> ANSWERS = Set.of(200, 400, 404, 405, 413, 415, 422);

    private RequestGlueProperty() {
    }

    /**
     * Sends {@code tries} requests of {@code requests} to the function on {@code port}.
     *
     * @param ownStatuses statuses this function's contract adds to the shared ones (401 of {@code login}, 409 of
     *        {@code register})
     */
    public static void check(int port, HostileRequests requests, int tries, Integer... ownStatuses)
            throws IOException {
        Set<Integer> answers = new HashSet<>(ANSWERS);
        answers.addAll(List.of(ownStatuses));
        for (HostileRequests.Request request : requests.sample(SEED, tries)) {
            RawHttp.Answer answer = RawHttp.send(port, request.head(),
                    request.body() == null ? new byte[0] : request.body());

            assertThat(answer.status()).as("status of %s: %s", request, answer.text()).isIn(answers);
            if (answer.status() != 200) {
                JsonNode error = answer.json().path("error");
                assertThat(error.path("code").isTextual()).as("error code of %s: %s", request, answer.text()).isTrue();
                assertThat(error.path("message").isTextual()).as("error message of %s", request).isTrue();
            }
        }
        assertThat(RawHttp.send(port, "GET /q/health/live HTTP/1.1").status()).isEqualTo(200);
    }
}
