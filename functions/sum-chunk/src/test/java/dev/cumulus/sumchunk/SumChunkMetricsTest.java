package dev.cumulus.sumchunk;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.cumulus.core.testing.PrometheusText;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The series {@code sum-chunk} shows at {@code /q/metrics}. */
@QuarkusTest
class SumChunkMetricsTest {

    static PrometheusText scrape() {
        return PrometheusText.of(given().when().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    static void post(String json, int status) {
        given().contentType(ContentType.JSON).body(json).when().post("/sum-chunk").then().statusCode(status);
    }

    @Test
    void chunksSummedAndRefused_requestsByStatusAndChunkDurationByInput() {
        // given
        PrometheusText before = scrape();

        // when: two chunks summed, one refused for a bad number
        post("{\"values\":[1,\"2.5\",-3]}", 200);
        post("{\"values\":[4,5]}", 200);
        post("{\"values\":[1,\"x\"]}", 422);

        // then
        PrometheusText after = scrape();
        String ok = "status=\"200\"";
        String refused = "status=\"422\"";
        String uri = "uri=\"/sum-chunk\"";
        assertThat(after.value("http_server_requests_seconds_count", uri, ok)
                - before.value("http_server_requests_seconds_count", uri, ok)).isEqualTo(2);
        // a 4xx is counted without its path, which a caller chooses (quarkus.micrometer...suppress4xx-errors)
        String unknown = "uri=\"UNKNOWN\"";
        assertThat(after.value("http_server_requests_seconds_count", unknown, refused)
                - before.value("http_server_requests_seconds_count", unknown, refused)).isEqualTo(1);
        // a latency histogram, so percentiles can be computed across instances
        assertThat(after.series("http_server_requests_seconds_bucket", uri, ok)).hasSizeGreaterThan(10);
        String values = "input=\"values\"";
        assertThat(after.value("cumulus_sumchunk_duration_seconds_count", values)
                - before.value("cumulus_sumchunk_duration_seconds_count", values)).isEqualTo(2);
        assertThat(after.value("cumulus_sumchunk_values_sum", values)
                - before.value("cumulus_sumchunk_values_sum", values)).isEqualTo(5);
        assertThat(after.series("cumulus_sumchunk_duration_seconds_count", "input=\"csv\"")).hasSize(1);
    }

    @Test
    void manyRandomPaths_fewUriSeries() {
        // when: paths no function has, each different, as a scanner sends them
        for (int i = 0; i < 100; i++) {
            given().when().get("/" + UUID.randomUUID()).then().statusCode(405);
            given().contentType(ContentType.JSON).body("{}").when().post("/" + UUID.randomUUID() + "/x").then()
                    .statusCode(404);
        }

        // then: they do not make a series each
        Pattern uri = Pattern.compile("uri=\"([^\"]*)\"");
        Set<String> uris = scrape().series("http_server_requests_seconds_count").stream().map(uri::matcher)
                .filter(Matcher::find).map(m -> m.group(1)).collect(Collectors.toSet());
        assertThat(uris).contains("NOT_FOUND", "UNKNOWN").hasSizeLessThan(5);
    }
}
