package dev.cumulus.sumchunk;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.cumulus.core.testing.LogCapture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Inline values take the event loop's route ({@link InlineValuesRoute}) up to its body size and Funqy's beyond it:
 * the same answer, and one request line with the function's facts, either way.
 */
@QuarkusTest
class InlineValuesRouteTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    /**
     * InlineValuesRoute.MAX_INLINE_BYTES, written out: the route is compiled in the HTTP flavour only, and the tests in
     * both.
     */
    private static final int MAX_INLINE_BYTES = 64 * 1024;

    @Test
    void smallBody_summedOnTheRoute_oneLineWithTheFacts() {
        try (LogCapture log = LogCapture.open()) {
            given().contentType(ContentType.JSON).header("X-Request-Id", "inline-1")
                    .header("traceparent", "00-" + TRACE + "-00f067aa0ba902b7-01")
                    .body("{\"jobId\":\"job-7\",\"index\":3,\"values\":[1,\"2.5\",-3]}")
                    .when().post("/sum-chunk").then().statusCode(200)
                    .body("sum", equalTo("0.5")).body("count", equalTo(3)).body("jobId", equalTo("job-7"));

            String line = requestLine(log.textAfterRequestLines(1), "requestId=inline-1");
            assertThat(line).contains("path=/sum-chunk status=200").contains("traceId=" + TRACE)
                    .contains("jobId=job-7 index=3 input=values count=3");
        }
    }

    @Test
    void bodyOverTheRoutesLimit_summedByFunqy_sameAnswerAndLine() {
        int n = 14_000; // about 73 KB of values, over the route's limit
        String values = IntStream.rangeClosed(1, n).mapToObj(Integer::toString).collect(Collectors.joining(","));
        assertThat(values.length()).isGreaterThan(MAX_INLINE_BYTES);
        try (LogCapture log = LogCapture.open()) {
            given().contentType(ContentType.JSON).header("X-Request-Id", "inline-2")
                    .body("{\"values\":[" + values + "]}")
                    .when().post("/sum-chunk").then().statusCode(200)
                    .body("sum", equalTo(Long.toString((long) n * (n + 1) / 2))).body("count", equalTo(n));

            assertThat(requestLine(log.textAfterRequestLines(1), "requestId=inline-2"))
                    .contains("status=200").contains("input=values count=" + n);
        }
    }

    @Test
    void badNumberOnTheRoute_sameRefusalAsTheFunction() {
        given().contentType(ContentType.JSON).body("{\"values\":[1,\"x1\"]}")
                .when().post("/sum-chunk").then().statusCode(422)
                .body("error.code", equalTo("INVALID_NUMBER"));
        given().contentType(ContentType.JSON).body("{\"values\":[1,}")
                .when().post("/sum-chunk").then().statusCode(400)
                .body("error.code", equalTo("INVALID_INPUT"));
    }

    private static String requestLine(String text, String id) {
        return text.lines().filter(l -> l.startsWith("dev.cumulus.request ") && l.contains(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no request line with " + id + " in:\n" + text));
    }
}
