package dev.cumulus.lambdaruntime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * aggregate's function.zip on the managed Java runtime, summing its chunks in its own process
 * ({@code CUMULUS_AGGREGATE_INVOKER=local}): the Lambda invoker would need the Lambda service itself.
 */
class AggregateRuntimeIT {

    static LambdaFunction aggregate;

    @BeforeAll
    static void start() throws IOException {
        // its events carry no bearer token: calls without one are allowed here (the production profile refuses to
        // start with neither a key nor this); the meters are written at the end of every invocation
        aggregate = LambdaFunction.start("aggregate", Map.of("CUMULUS_AGGREGATE_INVOKER", "local",
                "CUMULUS_AGGREGATE_AUTH_ALLOW_ANONYMOUS", "true", "CUMULUS_METRICS_EMF_STEP", "0S"));
    }

    @AfterAll
    static void stop() {
        aggregate.close();
    }

    @Test
    void inlineJob_exactSumOverItsChunks() {
        JsonNode job = aggregate
                .invoke("{\"jobId\":\"ric-1\",\"values\":[1,\"2.5\",-3,10,\"123456789012345678901234567890\"],"
                        + "\"chunkSize\":2}")
                .response();

        assertThat(job.get("jobId").asText()).isEqualTo("ric-1");
        assertThat(job.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(job.get("count").asLong()).isEqualTo(5);
        assertThat(job.get("sum").asText()).isEqualTo("123456789012345678901234567900.5");
        // 5 values in chunks of 2
        assertThat(job.get("chunks").get("total").asInt()).isEqualTo(3);
    }

    @Test
    void toleratedBadChunk_partialNamingTheCode() {
        JsonNode job = aggregate.invoke("{\"values\":[1,\"x\",3],\"chunkSize\":1,\"toleratedFailures\":1}")
                .response();

        assertThat(job.get("status").asText()).isEqualTo("PARTIAL");
        assertThat(job.get("sum").asText()).isEqualTo("4");
        assertThat(job.get("failed").get(0).get("error").get("code").asText()).isEqualTo("INVALID_NUMBER");
    }

    @Test
    void tooManyBadNumbers_functionErrorInvalidNumber() {
        assertThat(aggregate.invoke("{\"values\":[\"x\",\"y\"],\"chunkSize\":1}").error().get("errorMessage")
                .asText()).startsWith("INVALID_NUMBER: ");
    }

    @Test
    void invalidJob_functionErrorInvalidInput() {
        assertThat(aggregate.invoke("{\"values\":[1],\"chunkSize\":0}").error().get("errorMessage").asText())
                .startsWith("INVALID_INPUT: chunkSize");
    }

    @Test
    void job_itsMetersWrittenAsEmfLines() {
        // given
        Map<String, Double> before = EmfLog.totals(aggregate.log());

        // when: 3 values in chunks of 1
        aggregate.invoke("{\"values\":[1,2,3],\"chunkSize\":1}").response();

        // then: the increase since the last write, with the function and the meter's tags as dimensions
        Map<String, Double> after = EmfLog.totals(aggregate.log());
        String calls = "cumulus.aggregate.chunk.calls.count{function=aggregate,outcome=success}";
        String jobs = "cumulus.aggregate.jobs.finished{function=aggregate,state=SUCCEEDED}";
        assertThat(EmfLog.increase(before, after, calls)).isEqualTo(3);
        assertThat(EmfLog.increase(before, after, jobs)).isEqualTo(1);
        // the function's own meters alone: no binder adds the JVM's, Netty's or Vert.x's (each a custom metric)
        assertThat(after.keySet()).allMatch(key -> key.startsWith("cumulus."));
    }
}
