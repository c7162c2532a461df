package dev.cumulus.aggregate;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cumulus.aggregate.invoke.HttpInvoker;
import dev.cumulus.aggregate.job.JobStarter;
import dev.cumulus.aggregate.invoke.Invoker;
import dev.cumulus.aggregate.invoke.LambdaInvoker;
import dev.cumulus.aggregate.invoke.LocalInvoker;
import dev.cumulus.aggregate.plan.JobPlanner;
import dev.cumulus.aggregate.plan.StoreLister;
import dev.cumulus.aggregate.plan.SourceSizer;
import dev.cumulus.aggregate.run.AggregateMetrics;
import dev.cumulus.aggregate.run.CallGuards;
import dev.cumulus.aggregate.run.ChunkCaller;
import dev.cumulus.aggregate.run.JobRun;
import dev.cumulus.aggregate.run.Scheduler;
import dev.cumulus.core.chunk.ChunkLimits;
import dev.cumulus.core.chunk.ChunkSummer;
import dev.cumulus.core.number.LineSummer;
import dev.cumulus.core.number.NumberLimits;
import dev.cumulus.core.request.IncomingRequestId;
import dev.cumulus.core.source.ObjectStores;
import dev.cumulus.core.source.SourceConfig;
import dev.cumulus.core.source.SourceGuard;
import dev.cumulus.core.source.SourceReader;
import dev.cumulus.core.source.SourceSummer;
import io.micrometer.core.instrument.MeterRegistry;
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
    JobPlanner planner(AggregateConfig config, SourceGuard guard, SourceConfig sources, ObjectStores stores) {
        return new JobPlanner(config.maxChunks(), config.maxObjects(), guard,
                new SourceSizer(sources.connectTimeout(), sources.readTimeout(), stores), new StoreLister(stores));
    }

    /** The one timer thread of this instance: deadlines, hedge checks, backoffs and call timeouts. */
    private final ScheduledExecutorService timer = Executors
            .newSingleThreadScheduledExecutor(daemon("aggregate-timer"));

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }

    /** The shared machinery of all jobs: one breaker (it keeps its state across jobs), one timer, the real clock. */
    @Produces
    @Singleton
    JobRun.Engine engine(AggregateConfig config, Invoker invoker, NumberLimits limits, MeterRegistry registry) {
        var retry = config.retry();
        var breaker = config.circuitBreaker();
        var metrics = new AggregateMetrics(registry);
        var guard = CallGuards.create(new CallGuards.Settings(breaker.requestVolumeThreshold(),
                breaker.failureRatio(), breaker.delay(), breaker.successThreshold()), metrics);
        var caller = new ChunkCaller(invoker, guard,
                new ChunkCaller.Retry(retry.maxRetries(), retry.delay(), retry.maxDelay(), retry.jitter()),
                config.callTimeout(), Scheduler.on(timer), new Random(), limits, metrics);
        return new JobRun.Engine(caller, Clock.systemUTC(), Infrastructure.getDefaultWorkerPool(),
                config.hedgeCheckInterval());
    }

    @Produces
    @Singleton
    Invoker invoker(AggregateConfig config, ChunkLimits limits, NumberLimits numbers, ObjectMapper mapper,
            SourceGuard guard, SourceReader reader, SourceConfig sources) {
        return switch (config.invoker()) {
            case HTTP -> new HttpInvoker(HttpInvoker.newClient(sources.connectTimeout()),
                    URI.create(required(config.sumChunkUrl(), "cumulus.aggregate.sum-chunk-url")), mapper);
            case LAMBDA -> new LambdaInvoker(lambdaClient(config),
                    required(config.sumChunkFunction(), "cumulus.aggregate.sum-chunk-function"), mapper,
                    lambdaThreads(config));
            case LOCAL -> new LocalInvoker(new ChunkSummer(limits.maxValues(), numbers, new SourceSummer(guard, reader,
                    new LineSummer(sources.maxLineLength(), limits.maxRangeBytes().asLongValue(), numbers))),
                    Infrastructure.getDefaultWorkerPool());
        };
    }

    /** How a submitted job's runs are asked for ({@code cumulus.aggregate.jobs.driver}). */
    @Produces
    @Singleton
    JobStarter jobStarter(AggregateConfig config, ObjectMapper mapper) {
        return switch (config.jobs().driver()) {
            case INLINE -> JobStarter.inline();
            case EVENTS -> JobStarter.events(URI.create(required(config.jobs().eventsUrl(),
                    "cumulus.aggregate.jobs.events-url")), mapper);
            case LAMBDA -> JobStarter.lambda(lambdaClient(config),
                    required(config.jobs().function(), "cumulus.aggregate.jobs.function (AWS_LAMBDA_FUNCTION_NAME)"),
                    mapper);
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
                        + "cumulus.aggregate.invoker or the driver chosen by cumulus.aggregate.jobs.driver"));
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
