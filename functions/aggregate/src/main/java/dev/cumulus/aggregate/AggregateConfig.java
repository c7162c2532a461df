package dev.cumulus.aggregate;

import java.time.Duration;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How {@code aggregate} plans jobs and calls {@code sum-chunk}: {@code cumulus.aggregate.*}. */
@ConfigMapping(prefix = "cumulus.aggregate")
public interface AggregateConfig {

    enum InvokerKind {
        /** POST to {@link #sumChunkUrl()} {@code /sum-chunk}. */
        HTTP,
        /** Invoke the Lambda function {@link #sumChunkFunction()}. */
        LAMBDA,
        /** Sum in this process, with the same code as {@code sum-chunk}. */
        LOCAL
    }

    @WithDefault("http")
    InvokerKind invoker();

    /** Base URL of {@code sum-chunk} for the {@code http} invoker. */
    Optional<String> sumChunkUrl();

    /** Function name or ARN of {@code sum-chunk} for the {@code lambda} invoker. */
    Optional<String> sumChunkFunction();

    /** Calls in flight per job when the request does not say. */
    @WithDefault("32")
    int maxConcurrency();

    /** The calls in flight that one owner's jobs may hold in this instance together. */
    @WithDefault("128")
    int maxInFlightPerOwner();

    /** The most calls in flight a request may ask for; also the size of the connection pool. */
    @WithDefault("256")
    int maxConcurrencyLimit();

    /**
     * Values per chunk of an inline job when the request does not say. The largest {@code chunkSize} is what one
     * {@code sum-chunk} call accepts, {@code cumulus.sum-chunk.max-values}.
     */
    @WithDefault("10000")
    int chunkSize();

    /**
     * The smallest {@code chunkSize} of a job of more values than this: every call then carries at least this many
     * values, so a job makes at most one call per this many values (a smaller job may be cut as finely as asked).
     */
    @WithDefault("100")
    int minChunkSize();

    /**
     * Bytes per chunk of a source job when the request does not say. The largest {@code chunkBytes} is what one
     * {@code sum-chunk} call accepts, {@code cumulus.sum-chunk.max-range-bytes}.
     */
    @WithDefault("8M")
    MemorySize chunkBytes();

    /**
     * The smallest {@code chunkBytes}: a source is read with at most one request per this many bytes of its size,
     * and each range also reads up to {@code cumulus.sources.max-line-length} past its end.
     */
    @WithDefault("64K")
    MemorySize minChunkBytes();

    /** A job that would make more chunks is refused before anything is called. */
    @WithDefault("10000")
    int maxChunks();

    /**
     * The most objects one job may read, given in {@code sources} or listed under a prefix; a longer listing is
     * refused once it passes this many, before the rest is read. Each object costs at least one chunk.
     */
    @WithDefault("10000")
    int maxObjects();

    /**
     * Calls of {@code sum-chunk} a job may make beyond one per chunk (retries and hedges), as a fraction of its chunks,
     * at least {@link #minExtraCalls()}. Once they are spent, a failed call is final.
     */
    @WithDefault("0.5")
    double extraCalls();

    /** The fewest extra calls a job may make, however few its chunks. */
    @WithDefault("10")
    int minExtraCalls();

    /** The deadline of a job when the request gives no {@code timeoutMs}. */
    @WithDefault("60S")
    Duration timeout();

    /** The longest {@code timeoutMs} a request may ask for. */
    @WithDefault("15M")
    Duration maxTimeout();

    /** How long one call of {@code sum-chunk} may take; a retry gets the same again, within the job's deadline. */
    @WithDefault("30S")
    Duration callTimeout();

    /** Hedge a chunk that has run this long, even before enough chunks finished to know the percentile. */
    Optional<Duration> hedgeDelay();

    /** Hedge a chunk that has run longer than this percentile of the chunks finished so far. */
    @WithDefault("0.9")
    double hedgePercentile();

    /** Chunks that must finish before the percentile is trusted. */
    @WithDefault("5")
    int hedgeMinSamples();

    /** Never hedge a chunk younger than this, however fast the others were. */
    @WithDefault("50ms")
    Duration hedgeMinDelay();

    /** Extra calls for hedges, as a fraction of the job's chunks (at least one). 0 turns hedging off. */
    @WithDefault("0.05")
    double hedgeBudget();

    /** How often running chunks are checked against the hedging threshold. */
    @WithDefault("10ms")
    Duration hedgeCheckInterval();

    Retry retry();

    CircuitBreaker circuitBreaker();

    Lambda lambda();

    /** Jobs submitted to run on their own, kept in the job ledger ({@code cumulus.aggregate.jobs.*}). */
    Jobs jobs();

    /** How submitted jobs are kept and driven. */
    interface Jobs {
        enum DriverKind {
            /** The instance that accepts a job runs it, after answering; a status poll takes up an orphaned one. */
            INLINE,
            /** A CloudEvent to {@link #eventsUrl()} (a Knative Broker) asks for each run; its delivery runs it. */
            EVENTS,
            /** An asynchronous invocation of this Lambda function runs it. */
            LAMBDA
        }

        @WithDefault("inline")
        DriverKind driver();

        /** Where the {@code events} driver sends its CloudEvents: the Broker's ingress URL. */
        Optional<String> eventsUrl();

        /**
         * The function the {@code lambda} driver invokes for each run: this one, whose name Lambda sets in
         * {@code AWS_LAMBDA_FUNCTION_NAME}, the default.
         */
        @WithDefault("${AWS_LAMBDA_FUNCTION_NAME:}")
        Optional<String> function();

        /** The deadline of a submitted job that names none. */
        @WithDefault("1H")
        Duration timeout();

        /** The longest deadline a submitted job may ask for. */
        @WithDefault("24H")
        Duration maxTimeout();

        /** How long a finished job, its result and its chunks are kept. */
        @WithDefault("7D")
        Duration retention();

        /** How long an instance holds a job without renewing; after it, another instance may take the job up. */
        @WithDefault("30S")
        Duration lease();

        /** How often the running instance renews its lease (and learns of a cancellation). */
        @WithDefault("5S")
        Duration heartbeat();

        /**
         * The longest one run of a job lasts before it records where it is and hands on to a new run (a new event
         * or invocation): under the delivery or invocation timeout of the platform.
         */
        @WithDefault("10M")
        Duration slice();

        /** Jobs of one owner that may be pending or running at once. */
        @WithDefault("10")
        int maxUnfinishedPerOwner();

        /** Chunk results recorded in one write. */
        @WithDefault("500")
        int recordBatch();

        /** The longest a chunk result waits before it is written. */
        @WithDefault("20ms")
        Duration recordInterval();
    }

    /**
     * Retries of a failed call: only for failures that may pass (timeouts, 5xx, throttling, lost connections), and
     * only while the backoff ends before the job's deadline and the job has extra calls left
     * ({@link #extraCalls()}); so a job with a long deadline rides out an outage of a few seconds. A chunk waiting at
     * an open breaker spends no retry.
     */
    interface Retry {
        /** The most retries of one chunk, whatever time and budget are left. */
        @WithDefault("10")
        int maxRetries();

        /** The first backoff; each next one doubles, up to {@link #maxDelay()}. */
        @WithDefault("100ms")
        Duration delay();

        @WithDefault("2S")
        Duration maxDelay();

        /** Random spread added to or taken from each backoff, so failed chunks do not retry in step. */
        @WithDefault("50ms")
        Duration jitter();
    }

    /** The breaker around {@code sum-chunk}, shared by all jobs of this instance. */
    interface CircuitBreaker {
        /** Calls looked at to decide whether to open. */
        @WithDefault("20")
        int requestVolumeThreshold();

        @WithDefault("0.5")
        double failureRatio();

        /** How long the breaker stays open before it lets trial calls through. */
        @WithDefault("5S")
        Duration delay();

        @WithDefault("2")
        int successThreshold();
    }

    interface Lambda {
        /** The region of the function; by default the one the SDK finds ({@code AWS_REGION} on Lambda). */
        Optional<String> region();

        /** Another endpoint of the Lambda API, for tests and local emulators. */
        Optional<String> endpointOverride();
    }
}
