package dev.cumulus.lambdaruntime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * sum-chunk's function.zip on the managed Java runtime: events with inline values, one warm process for all, its
 * spans exported to an OTLP/HTTP receiver on loopback.
 */
class SumChunkRuntimeIT {

    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String CALLER_SPAN = "00f067aa0ba902b7";

    static OtlpReceiver traces;
    static LambdaFunction sumChunk;

    @BeforeAll
    static void start() throws IOException {
        traces = OtlpReceiver.start();
        // the meters are written as EMF lines at the end of every invocation, not once a minute
        sumChunk = LambdaFunction.start("sum-chunk", Map.of("CUMULUS_METRICS_EMF_STEP", "0S",
                "CUMULUS_TRACING_OTLP_ENDPOINT", traces.endpoint()));
    }

    @AfterAll
    static void stop() {
        if (sumChunk != null) {
            sumChunk.close();
        }
        traces.close();
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

    @Test
    void invocation_itsMetersWrittenAsEmfLines() {
        // given
        Map<String, Double> before = EmfLog.totals(sumChunk.log());

        // when
        sumChunk.invoke("{\"values\":[1,2,3]}").response();

        // then: the increase since the last write, with the function and the meter's tags as dimensions
        Map<String, Double> after = EmfLog.totals(sumChunk.log());
        String values = "{function=sum-chunk,input=values}";
        assertThat(EmfLog.increase(before, after, "cumulus.sumchunk.duration.count" + values)).isEqualTo(1);
        assertThat(EmfLog.increase(before, after, "cumulus.sumchunk.values.sum" + values)).isEqualTo(3);
        assertThat(EmfLog.documents(sumChunk.log())).allSatisfy(document -> assertThat(
                document.get("_aws").get("CloudWatchMetrics").get(0).get("Namespace").asText()).isEqualTo("Cumulus"));
        // the function's own meters alone: no binder adds the JVM's, Netty's or Vert.x's (each a custom metric)
        assertThat(after.keySet()).allMatch(key -> key.startsWith("cumulus."));
    }

    @Test
    void callerTraceInTheClientContext_serverSpanExportedAsItsChild() {
        // given: the client context aggregate's Lambda invoker sends
        String clientContext = "{\"custom\":{\"traceparent\":\"00-" + TRACE_ID + "-" + CALLER_SPAN + "-01\"}}";

        // when
        sumChunk.invoke("{\"values\":[1,2]}", clientContext).response();

        // then: exported by the batch processor's thread within its delay (5 s), while the process runs
        OtlpReceiver.Span span = traces.await(s -> s.traceId().equals(TRACE_ID), Duration.ofSeconds(30));
        assertThat(span.service()).isEqualTo("sum-chunk");
        assertThat(span.name()).isEqualTo("sum-chunk");
        assertThat(span.parentId()).isEqualTo(CALLER_SPAN);
    }
}
