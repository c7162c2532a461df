package dev.cumulus.aggregate;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cumulus.aggregate.invoke.HttpInvoker;
import dev.cumulus.aggregate.invoke.Invoker;
import dev.cumulus.aggregate.invoke.LambdaInvoker;
import dev.cumulus.aggregate.invoke.LocalInvoker;
import dev.cumulus.aggregate.plan.JobPlanner;
import dev.cumulus.aggregate.plan.SourceSizer;
import dev.cumulus.aggregate.run.CallGuards;
import dev.cumulus.aggregate.run.ChunkCaller;
import dev.cumulus.aggregate.run.JobRun;
import dev.cumulus.core.chunk.ChunkSummer;
import dev.cumulus.core.number.LineSummer;
import dev.cumulus.core.request.IncomingRequestId;
import dev.cumulus.core.source.SourceConfig;
import dev.cumulus.core.source.SourceGuard;
import dev.cumulus.core.source.SourceReader;
import dev.cumulus.core.source.SourceSummer;
import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.LambdaClientBuilder;

/** Builds the parts of {@code aggregate} from configuration, once per instance. */
@Singleton
public class AggregateBeans {

    @Produces
    @Singleton
    JobPlanner planner(AggregateConfig config, SourceGuard guard, SourceConfig sources) {
        return new JobPlanner(config.maxChunks(), guard,
                new SourceSizer(sources.connectTimeout(), sources.readTimeout()));
    }

    /** The shared machinery of all jobs: one guard (it keeps the breaker's state), one timer thread. */
    @Produces
    @Singleton
    JobRun.Engine engine(AggregateConfig config, Invoker invoker) {
        var retry = config.retry();
        var breaker = config.circuitBreaker();
        var guard = CallGuards.create(new CallGuards.Settings(retry.maxRetries(), retry.delay(), retry.maxDelay(),
                retry.jitter(), config.maxTimeout(), breaker.requestVolumeThreshold(), breaker.failureRatio(),
                breaker.delay(), breaker.successThreshold(), config.callTimeout()));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("aggregate-timer"));
        return new JobRun.Engine(new ChunkCaller(invoker, guard, config.callTimeout()), Clock.systemUTC(), timer,
                Infrastructure.getDefaultWorkerPool(), config.hedgeCheckInterval());
    }

    void stop(@Disposes JobRun.Engine engine) {
        engine.timer().shutdownNow();
    }

    @Produces
    @Singleton
    Invoker invoker(AggregateConfig config, ObjectMapper mapper, SourceGuard guard, SourceReader reader,
            SourceConfig sources) {
        return switch (config.invoker()) {
            case HTTP -> new HttpInvoker(HttpInvoker.newClient(sources.connectTimeout()),
                    URI.create(required(config.sumChunkUrl(), "cumulus.aggregate.sum-chunk-url")), mapper);
            case LAMBDA -> new LambdaInvoker(lambdaClient(config),
                    required(config.sumChunkFunction(), "cumulus.aggregate.sum-chunk-function"), mapper,
                    lambdaThreads(config));
            case LOCAL -> new LocalInvoker(new ChunkSummer(config.maxChunkSize(), new SourceSummer(guard, reader,
                    new LineSummer(sources.maxLineLength(), config.maxChunkBytes().asLongValue()))),
                    Infrastructure.getDefaultWorkerPool());
        };
    }

    /** Outside an HTTP request (on Lambda) there is no incoming id: the job id stands in. */
    @Produces
    @Singleton
    @DefaultBean
    IncomingRequestId noIncomingRequestId() {
        return Optional::empty;
    }

    private static LambdaClient lambdaClient(AggregateConfig config) {
        LambdaClientBuilder b = LambdaClient.builder()
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(config.callTimeout()).build())
                // retries belong to the guard, which also sees throttling; the SDK's own would multiply them
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
        config.lambda().region().map(Region::of).ifPresent(b::region);
        config.lambda().endpointOverride().map(URI::create).ifPresent(b::endpointOverride);
        return b.build();
    }

    /** The synchronous Lambda client blocks a thread per call: as many threads as calls may be in flight. */
    private static ExecutorService lambdaThreads(AggregateConfig config) {
        return Executors.newFixedThreadPool(config.maxConcurrencyLimit(), daemon("aggregate-lambda"));
    }

    private static String required(Optional<String> value, String key) {
        return value.filter(v -> !v.isBlank())
                .orElseThrow(() -> new IllegalStateException(key + " must be set for the invoker chosen by "
                        + "cumulus.aggregate.invoker"));
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
