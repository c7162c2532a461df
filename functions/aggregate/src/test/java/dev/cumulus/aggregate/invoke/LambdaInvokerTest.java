package dev.cumulus.aggregate.invoke;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import dev.cumulus.aggregate.plan.JobPlan;
import dev.cumulus.aggregate.plan.JobPlanner;
import dev.cumulus.aggregate.run.CallGuards;
import dev.cumulus.aggregate.run.ChunkCaller;
import dev.cumulus.aggregate.run.Scheduler;
import dev.cumulus.aggregate.run.Deadline;
import dev.cumulus.aggregate.run.HedgePolicy;
import dev.cumulus.aggregate.run.JobOutcome;
import dev.cumulus.aggregate.run.JobRun;
import dev.cumulus.core.chunk.ChunkRequest;
import dev.cumulus.core.chunk.ChunkResult;
import dev.cumulus.core.number.InlineValue;
import dev.cumulus.core.source.SourceGuard;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** The lambda invoker against a stub of the Lambda Invoke API on loopback. */
class LambdaInvokerTest {

    static final String PATH = "/2015-03-31/functions/sum-chunk/invocations";
    /** Generous: the first call of a class pays for the SDK's start on a busy machine. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    static WireMockServer lambda;
    static LambdaClient client;
    static ExecutorService threads;
    static LambdaInvoker invoker;

    @BeforeAll
    static void startStub() {
        lambda = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        lambda.start();
        client = LambdaClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + lambda.port()))
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "s")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        threads = Executors.newCachedThreadPool();
        invoker = new LambdaInvoker(client, "sum-chunk", new ObjectMapper(), threads);
    }

    @AfterAll
    static void stopStub() {
        client.close();
        threads.shutdownNow();
        lambda.stop();
    }

    @BeforeEach
    void resetStub() {
        lambda.resetAll();
    }

    static ChunkRequest chunk() {
        return ChunkRequest.ofValues("job-7", 2, List.of(InlineValue.number("1"), InlineValue.string("2.5")));
    }

    static String result() {
        return "{\"jobId\":\"job-7\",\"index\":2,\"count\":2,\"sum\":\"3.5\",\"min\":\"1\",\"max\":\"2.5\"}";
    }

    @Test
    void success_payloadIsTheChunkRequestWithTheCallsTimeout_resultParsed() {
        lambda.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody(result())));

        ChunkResult r = invoker.invoke(chunk(), "req-1", TIMEOUT).await().atMost(TIMEOUT);

        assertThat(r.sum()).isEqualTo("3.5");
        assertThat(r.index()).isEqualTo(2);
        lambda.verify(postRequestedFor(urlEqualTo(PATH))
                .withHeader("X-Amz-Invocation-Type", equalTo("RequestResponse"))
                .withRequestBody(
                        equalToJson("{\"jobId\":\"job-7\",\"index\":2,\"values\":[1,\"2.5\"],\"source\":null,"
                                + "\"timeoutMs\":" + TIMEOUT.toMillis() + "}")));
    }

    @Test
    void traceContext_sentInTheClientContextsCustomMap() throws Exception {
        // given
        lambda.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody(result())));
        var trace = dev.cumulus.core.request.TraceContext
                .parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "k=v").orElseThrow();

        // when
        invoker.invoke(chunk(), "req-1", trace, TIMEOUT).await().atMost(TIMEOUT);

        // then
        var sent = lambda.getAllServeEvents().get(0).getRequest().getHeader("X-Amz-Client-Context");
        var context = new ObjectMapper().readTree(java.util.Base64.getDecoder().decode(sent));
        assertThat(context.path("custom").path("traceparent").asText()).isEqualTo(trace.traceparent());
        assertThat(context.path("custom").path("tracestate").asText()).isEqualTo("k=v");
    }

    @Test
    void noTraceContext_noClientContext() {
        lambda.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody(result())));

        invoker.invoke(chunk(), "req-1", TIMEOUT).await().atMost(TIMEOUT);

        assertThat(lambda.getAllServeEvents().get(0).getRequest().containsHeader("X-Amz-Client-Context")).isFalse();
    }

    @Test
    void functionError_codeAndMessageFromErrorMessage_notRetryable() {
        lambda.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("X-Amz-Function-Error", "Unhandled")
                .withBody("{\"errorMessage\":\"INVALID_NUMBER: values[1]: 'x' is not a decimal number\","
                        + "\"errorType\":\"io.quarkus.funqy.runtime.ApplicationException\"}")));

        InvocationFailure f = failure();

        assertThat(f.code()).isEqualTo("INVALID_NUMBER");
        assertThat(f.getMessage()).contains("values[1]: 'x' is not a decimal number");
        assertThat(f.retryable()).isFalse();
    }

    @Test
    void functionErrorOfTheRuntime_retryable() {
        lambda.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("X-Amz-Function-Error", "Unhandled")
                .withBody("{\"errorMessage\":\"Task timed out after 3.00 seconds\"}")));

        InvocationFailure f = failure();

        assertThat(f.code()).isEqualTo("DOWNSTREAM_FAILED");
        assertThat(f.retryable()).isTrue();
    }

    @Test
    void sourceUnavailableInTheFunction_retryable() {
        lambda.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("X-Amz-Function-Error", "Unhandled")
                .withBody("{\"errorMessage\":\"SOURCE_UNAVAILABLE: source answered HTTP 503\"}")));

        assertThat(failure().retryable()).isTrue();
    }

    @Test
    void throttled_retryable() {
        lambda.stubFor(post(urlEqualTo(PATH)).willReturn(throttled()));

        InvocationFailure f = failure();

        assertThat(f.retryable()).isTrue();
        assertThat(f.getMessage()).contains("throttled");
    }

    @Test
    void unknownFunction_notRetryable() {
        lambda.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(404)
                .withHeader("X-Amzn-ErrorType", "ResourceNotFoundException")
                .withBody("{\"Type\":\"User\",\"Message\":\"Function not found\"}")));

        InvocationFailure f = failure();

        assertThat(f.retryable()).isFalse();
        assertThat(f.getMessage()).contains("HTTP 404");
    }

    @Test
    void throttledThenAnswered_retriedByTheGuard_jobSucceeds() {
        // given: the first invocation is throttled, the second answers
        lambda.stubFor(post(urlEqualTo(PATH)).inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(throttled()).willSetStateTo("calm"));
        lambda.stubFor(post(urlEqualTo(PATH)).inScenario("throttle").whenScenarioStateIs("calm")
                .willReturn(aResponse().withStatus(200).withBody(result().replace("job-7", "job-8")
                        .replace("\"index\":2", "\"index\":0"))));
        JobPlan plan = new JobPlanner(10, new SourceGuard(List.of(), false), null).planValues("job-8",
                List.of(InlineValue.number("1"), InlineValue.string("2.5")), 10);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            ChunkCaller caller = new ChunkCaller(invoker,
                    CallGuards.create(new CallGuards.Settings(20, 0.5, Duration.ofSeconds(5), 1)),
                    new ChunkCaller.Retry(3, Duration.ofMillis(5), Duration.ofMillis(10), Duration.ZERO), TIMEOUT,
                    Scheduler.on(timer), new Random(1));
            JobRun.Engine engine = new JobRun.Engine(caller, Clock.systemUTC(), threads, Duration.ofMillis(10));

            // when
            JobOutcome outcome = new JobRun(plan,
                    new JobRun.Limits(4, 0, 10, Deadline.after(Clock.systemUTC(), TIMEOUT)), engine,
                    new HedgePolicy(Optional.empty(), 0.9, 5, Duration.ofMillis(50), 0), "req-2").run()
                    .await().atMost(TIMEOUT);

            // then
            assertThat(outcome.failures()).isEmpty();
            assertThat(outcome.sum().sum()).isEqualByComparingTo("3.5");
            assertThat(outcome.stats().retries()).isEqualTo(1);
            lambda.verify(2, postRequestedFor(urlEqualTo(PATH)));
        } finally {
            timer.shutdownNow();
        }
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder throttled() {
        return aResponse().withStatus(429).withHeader("X-Amzn-ErrorType", "TooManyRequestsException")
                .withBody("{\"Reason\":\"ReservedFunctionConcurrentInvocationLimitExceeded\",\"Type\":\"User\","
                        + "\"message\":\"Rate Exceeded.\"}");
    }

    static InvocationFailure failure() {
        return catchThrowableOfType(InvocationFailure.class,
                () -> invoker.invoke(chunk(), "req-1", TIMEOUT).await().atMost(TIMEOUT));
    }
}
