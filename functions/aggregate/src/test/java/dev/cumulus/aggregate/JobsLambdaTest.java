package dev.cumulus.aggregate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.cumulus.aggregate.testing.LambdaApiStubResource;
import dev.cumulus.core.testing.LambdaApiStub;
import dev.cumulus.store.testing.DynamoDbLocalResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Submitted jobs in the Lambda flavour ({@code -Plambda}), end to end on loopback: events through Quarkus' mock Lambda
 * event server, the ledger on DynamoDB Local, and the Lambda Invoke API stubbed ({@link LambdaApiStub}): it sums the
 * chunks of the {@code sum-chunk} calls for real, and delivers each asynchronous invocation of this function (a run
 * of a job) back to the mock event server as a new event, as Lambda would. Runs last a slice of one second, so a job
 * of a few seconds of calls is finished by runs that hand on to each other.
 */
@Tag("lambda")
@QuarkusTest
@WithTestResource(DynamoDbLocalResource.class)
@WithTestResource(LambdaApiStubResource.class)
@TestProfile(JobsLambdaTest.ShortSlices.class)
class JobsLambdaTest {

    static final Duration WITHIN = Duration.ofSeconds(60);
    static final List<String> FINAL = List.of("SUCCEEDED", "PARTIAL", "FAILED", "CANCELLED");

    public static class ShortSlices implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // no hedges: every call of sum-chunk then stands for one chunk; the lease stays at its default (30 s), so
            // that no status poll asks for a run: every run after the first is asked for by the run before it
            return Map.of("cumulus.aggregate.jobs.slice", "1S", "cumulus.aggregate.jobs.heartbeat", "200ms",
                    "cumulus.aggregate.hedge-budget", "0");
        }
    }

    final HttpClient http = HttpClient.newHttpClient();
    /** The answers of the mock event server to the events the stub delivered: the ends of the runs. */
    final List<HttpResponse<String>> runAnswers = new CopyOnWriteArrayList<>();
    final AtomicInteger delivered = new AtomicInteger();

    LambdaApiStub lambda;

    static int eventPort() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.lambda.mock-event-server.test-port",
                Integer.class).orElse(8081);
    }

    @BeforeEach
    void deliverRunsToTheEventServer() {
        URI events = URI.create("http://localhost:" + eventPort() + "/");
        lambda.reset();
        lambda.deliverEventsTo(payload -> {
            delivered.incrementAndGet();
            try {
                runAnswers.add(http.send(HttpRequest.newBuilder(events).header("Content-Type", "application/json")
                        .timeout(WITHIN).POST(HttpRequest.BodyPublishers.ofString(payload)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            } catch (IOException e) {
                throw new IllegalStateException("the event was not delivered: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    static JsonPath event(String json) {
        return given().port(eventPort()).contentType(ContentType.JSON).body(json).when().post().then()
                .statusCode(200).extract().jsonPath();
    }

    static String values(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(Integer::toString).collect(Collectors.joining(","));
    }

    /** Asks for the job's status by events until {@code done}; fails past {@link #WITHIN}. */
    static JsonPath await(String jobId, Predicate<JsonPath> done) {
        long until = System.nanoTime() + WITHIN.toNanos();
        JsonPath s = null;
        while (System.nanoTime() < until) {
            s = event("{\"action\":\"status\",\"jobId\":\"" + jobId + "\"}");
            if (done.test(s)) {
                return s;
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // the next poll
        }
        throw new AssertionError("job " + jobId + " did not get there within " + WITHIN + "; last status: "
                + (s == null ? null : s.prettify()));
    }

    static JsonPath awaitEnd(String jobId) {
        return await(jobId, s -> FINAL.contains(s.getString("state")));
    }

    /** Waits until every run the stub delivered has been answered: no run of this instance is left. */
    void awaitRunsAnswered() {
        long until = System.nanoTime() + WITHIN.toNanos();
        while (runAnswers.size() < delivered.get() || delivered.get() < lambda.events(
                LambdaApiStubResource.FUNCTION).size()) {
            assertThat(System.nanoTime()).as("runs answered within " + WITHIN).isLessThan(until);
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos()); // the next poll
        }
    }

    @Test
    void jobOfSeveralSlices_finishedByRunsThatHandOn_exactSum_eachChunkCalledOnce() {
        // given: 1..400 in chunks of 5 (80 chunks), two calls at a time, each call 60 ms: about 2.4 s of calls, so
        // at least three runs of one second; Lambda takes its time to queue an asynchronous invocation
        lambda.delayEveryChunk(60).answerEventsAfter(200);

        // when
        JsonPath submitted = event("{\"action\":\"submit\",\"jobId\":\"slices-1\",\"values\":[" + values(1, 400)
                + "],\"chunkSize\":5,\"maxConcurrency\":2}");
        // the first run was asked for before the submission was answered: Lambda may freeze an instance that has
        // answered, with whatever it had not sent yet
        int runsAskedAtSubmission = lambda.events(LambdaApiStubResource.FUNCTION).size();

        // then
        assertThat(submitted.getString("jobId")).isEqualTo("slices-1");
        assertThat(submitted.getString("state")).isEqualTo("PENDING");
        assertThat(submitted.getInt("chunks.total")).isEqualTo(80);
        JsonPath end = awaitEnd("slices-1");
        awaitRunsAnswered();
        List<String> runs = lambda.events(LambdaApiStubResource.FUNCTION);
        System.out.printf("job of 80 chunks on Lambda: %d runs, %d calls of sum-chunk, sum %s%n", runs.size(),
                lambda.chunkCalls(), end.getString("result.sum"));
        assertThat(runsAskedAtSubmission).isEqualTo(1);
        assertThat(end.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(end.getString("result.sum")).isEqualTo("80200"); // 400 * 401 / 2
        assertThat(end.getLong("result.count")).isEqualTo(400);
        assertThat(end.getInt("chunks.succeeded")).isEqualTo(80);
        assertThat(runs).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(run -> assertThat(run).contains("\"action\":\"run\"").contains("\"jobId\":\"slices-1\""));
        assertThat(runAnswers).allSatisfy(answer -> assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200));
        assertThat(lambda.chunkCalls()).isEqualTo(80);
        assertThat(IntStream.range(0, 80).map(lambda::chunkCalls)).containsOnly(1);
    }

    @Test
    void cancelledByAnEvent_cancelledWithTheRestListed_noCallAfter() {
        // given: 60 chunks, one call at a time, each 100 ms: six runs
        lambda.delayEveryChunk(100);
        event("{\"action\":\"submit\",\"jobId\":\"stop-1\",\"values\":[" + values(1, 120)
                + "],\"chunkSize\":2,\"maxConcurrency\":1}");
        await("stop-1", s -> s.getInt("chunks.succeeded") > 0);

        // when
        JsonPath cancelled = event("{\"action\":\"cancel\",\"jobId\":\"stop-1\"}");

        // then
        assertThat(cancelled.getString("jobId")).isEqualTo("stop-1");
        JsonPath end = awaitEnd("stop-1");
        awaitRunsAnswered();
        int calls = lambda.chunkCalls();
        assertThat(end.getString("state")).isEqualTo("CANCELLED");
        assertThat(calls).isLessThan(60);
        assertThat(end.getList("failed")).hasSize(60 - end.getInt("chunks.succeeded"));
        assertThat(end.getList("failed.error.code", String.class)).containsOnly("CANCELLED");
        assertThat(event("{\"action\":\"status\",\"jobId\":\"stop-1\"}").getString("state")).isEqualTo("CANCELLED");
        awaitRunsAnswered();
        assertThat(lambda.chunkCalls()).isEqualTo(calls);
    }

    @Test
    void partialThenRedriveByAnEvent_onlyTheFailedChunkCalledAgain_exactSum() {
        // given: 1..20 in chunks of 2; chunk 3 (7 and 8) is refused once, one failure is tolerated
        lambda.refuse(3, 1);
        event("{\"action\":\"submit\",\"jobId\":\"fix-1\",\"values\":[" + values(1, 20)
                + "],\"chunkSize\":2,\"toleratedFailures\":1}");
        JsonPath partial = awaitEnd("fix-1");
        assertThat(partial.getString("state")).isEqualTo("PARTIAL");
        assertThat(partial.getList("failed.index", Integer.class)).containsExactly(3);
        assertThat(partial.getString("failed[0].error.code")).isEqualTo("INVALID_NUMBER");
        assertThat(partial.getString("result.sum")).isEqualTo("195"); // 210 less 7 and 8

        // when
        JsonPath redriven = event("{\"action\":\"redrive\",\"jobId\":\"fix-1\"}");

        // then
        assertThat(redriven.getInt("runs")).isEqualTo(2);
        JsonPath end = awaitEnd("fix-1");
        assertThat(end.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(end.getString("result.sum")).isEqualTo("210");
        assertThat(end.getInt("runs")).isEqualTo(2);
        assertThat(lambda.chunkCalls(3)).isEqualTo(2);
        assertThat(lambda.chunkCalls()).isEqualTo(10 + 1);
        awaitRunsAnswered();
    }
}
