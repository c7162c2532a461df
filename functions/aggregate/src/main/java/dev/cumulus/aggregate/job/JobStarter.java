package dev.cumulus.aggregate.job;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cumulus.store.job.JobKey;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;

/**
 * Asks for a run of a job, in the way the platform drives work that outlives a request: in this instance
 * ({@code inline}, where instances live on, as locally), by a CloudEvent to the Broker, whose Trigger delivers it to
 * {@code aggregate} and whose delivery is the request that runs the job ({@code events}, on Knative, where an idle pod
 * may be stopped at any time), or by an asynchronous invocation of this function ({@code lambda}). A run that is lost
 * (its instance dies) is asked for again when the job's owner next asks about it.
 */
public interface JobStarter {

    /** The CloudEvent type of a request to run a job. */
    String RUN_EVENT = "dev.cumulus.aggregate.job.run";

    void start(JobKey key, JobService jobs);

    /** The run's request: what the {@code run} action reads. */
    static Map<String, String> runRequest(JobKey key) {
        return Map.of("action", "run", "owner", key.owner(), "jobId", key.jobId());
    }

    /** Runs the job in this instance, after the current call has been answered. */
    static JobStarter inline() {
        Logger log = Logger.getLogger(JobStarter.class);
        return (key, jobs) -> jobs.run(key).subscribe().with(status -> {
        }, failure -> log.warnf("job %s: run failed: %s", key.jobId(), failure.toString()));
    }

    /** POSTs a binary-mode CloudEvent to {@code url} (a Broker's ingress); the Broker answers at once. */
    static JobStarter events(URI url, ObjectMapper mapper) {
        Logger log = Logger.getLogger(JobStarter.class);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return (key, jobs) -> {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").header("ce-specversion", "1.0")
                    .header("ce-type", RUN_EVENT).header("ce-source", "aggregate")
                    .header("ce-id", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString(json(mapper, runRequest(key)), StandardCharsets.UTF_8))
                    .build();
            Consumer<String> failed = why -> log.warnf("job %s: the run event was not accepted (%s); the job is taken "
                    + "up when its owner next asks about it", key.jobId(), why);
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                if (error != null) {
                    failed.accept(error.toString());
                } else if (response.statusCode() / 100 != 2) {
                    failed.accept("status " + response.statusCode());
                }
            });
        };
    }

    /**
     * Invokes {@code function} (this one) asynchronously: Lambda queues the event and retries it on failure. The
     * invocation is sent before the calling one answers (Lambda answers it at once, once queued): Lambda may freeze an
     * instance as soon as it has answered, with whatever it had not sent yet. Callers are on worker threads.
     */
    static JobStarter lambda(LambdaClient client, String function, ObjectMapper mapper) {
        Logger log = Logger.getLogger(JobStarter.class);
        return (key, jobs) -> {
            try {
                client.invoke(b -> b.functionName(function).invocationType(InvocationType.EVENT)
                        .payload(SdkBytes.fromUtf8String(json(mapper, runRequest(key)))));
            } catch (RuntimeException e) {
                log.warnf("job %s: the asynchronous invocation failed (%s); the job is taken up when its owner next "
                        + "asks about it", key.jobId(), e.toString());
            }
        };
    }

    private static String json(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
