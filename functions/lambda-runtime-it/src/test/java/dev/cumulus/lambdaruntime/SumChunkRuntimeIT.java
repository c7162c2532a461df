package dev.cumulus.lambdaruntime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** sum-chunk's function.zip on the managed Java runtime: events with inline values, one warm process for all. */
class SumChunkRuntimeIT {

    static LambdaFunction sumChunk;

    @BeforeAll
    static void start() throws IOException {
        sumChunk = LambdaFunction.start("sum-chunk", Map.of());
    }

    @AfterAll
    static void stop() {
        sumChunk.close();
    }

    @Test
    void inlineValues_exactSum() {
        JsonNode summed = sumChunk
                .invoke("{\"jobId\":\"j\",\"index\":0,\"values\":[1,\"2.5\",-3,\"123456789012345678901234567890\"]}")
                .response();

        assertThat(summed.get("jobId").asText()).isEqualTo("j");
        assertThat(summed.get("count").asLong()).isEqualTo(4);
        assertThat(summed.get("sum").asText()).isEqualTo("123456789012345678901234567890.5");
        assertThat(summed.get("min").asText()).isEqualTo("-3");
        assertThat(summed.get("max").asText()).isEqualTo("123456789012345678901234567890");
    }

    @Test
    void badNumber_functionErrorLedByTheCode() {
        InvocationResult result = sumChunk.invoke("{\"values\":[1,\"x\"]}");

        assertThat(result.error().get("errorMessage").asText()).startsWith("INVALID_NUMBER: values[1]");
        // the handler turns every refusal into one type without a cause; the stable code leads errorMessage
        assertThat(result.error().get("errorType").asText()).isEqualTo("dev.cumulus.lambda.FunctionErrorException");
        assertThat(result.errorTypeHeader()).isEqualTo("Runtime.UserException");
    }

    @Test
    void neitherValuesNorSource_functionErrorInvalidInput() {
        assertThat(sumChunk.invoke("{\"jobId\":\"j\"}").error().get("errorMessage").asText())
                .startsWith("INVALID_INPUT");
    }

    @Test
    void eventAfterAnError_answeredByTheSameProcess() {
        // given: a failed invocation, which must not end the runtime loop
        sumChunk.invoke("{\"values\":[\"one\"]}").error();

        // when
        JsonNode summed = sumChunk.invoke("{\"values\":[\"0.1\",\"0.2\"]}").response();

        // then: exact decimal arithmetic, not 0.30000000000000004
        assertThat(summed.get("sum").asText()).isEqualTo("0.3");
    }
}
