package dev.cumulus.core.source;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import dev.cumulus.core.error.CumulusException;
import dev.cumulus.core.error.InvalidInputException;
import dev.cumulus.core.error.SourceUnavailableException;
import dev.cumulus.core.number.ByteRange;

/**
 * Opens the bytes of a source object that a range needs: HTTP(S) with a {@code Range} request, a {@code file:}
 * path, or a range of an {@link ObjectStore} for the other schemes (such as {@code s3:}). The stream starts at
 * {@link ByteRange#readStart()} and is read as it arrives, never buffered whole. Each read is watched
 * ({@link ReadWatch}): past its deadline, when the source stalls or trickles, or when the caller goes away, the
 * connection (or the store's stream) is closed and the read fails. A body shorter than the answer promised, or an
 * answer that is not the range asked for, fails too, so a partial object never passes for a whole one.
 */
public final class SourceReader {

    /** How often every open read is judged, besides at each arrival of bytes. */
    private static final long TICK_MILLIS = 200;
    private static final ScheduledExecutorService TICKER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cumulus-source-watch");
        t.setDaemon(true);
        return t;
    });
    /**
     * Where object stores' blocking opens wait for the answer, so that the caller's watch can give up on them; as
     * many as reads are opening at once, which the functions' request limits bound.
     */
    private static final ExecutorService OPENERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "cumulus-source-open");
        t.setDaemon(true);
        return t;
    });

    /** How sources are read; see {@link SourceConfig} for each. */
    public record Settings(Duration connectTimeout, Duration readTimeout, Duration rangeTimeout,
            long minBytesPerSecond, Duration rateWindow) {

        /** Checked at start, so a wrong setting stops the function from starting rather than failing reads. */
        public Settings {
            for (Duration d : new Duration[]{connectTimeout, readTimeout, rangeTimeout, rateWindow}) {
                if (d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("source timeouts and the rate window must be positive and"
                            + " under 24 days: " + d);
                }
            }
            if (minBytesPerSecond < 0) {
                throw new IllegalArgumentException("cumulus.sources.min-bytes-per-second must not be negative");
            }
        }

        public static Settings of(SourceConfig c) {
            return new Settings(c.connectTimeout(), c.readTimeout(), c.rangeTimeout(), c.minBytesPerSecond(),
                    c.rateWindow());
        }
    }

    private final Settings settings;
    private final LongSupplier nanoClock;
    private final HttpClient client;
    private final ObjectStores stores;

    /** The given timeouts and the default range deadline (2 minutes) and minimum rate (64 KiB/s over 10 s). */
    public SourceReader(Duration connectTimeout, Duration readTimeout) {
        this(new Settings(connectTimeout, readTimeout, Duration.ofMinutes(2), 65536, Duration.ofSeconds(10)));
    }

    public SourceReader(Settings settings) {
        this(settings, ObjectStores.NONE);
    }

    /** @param stores the object stores that serve the schemes other than {@code http}, {@code https}, {@code file} */
    public SourceReader(Settings settings, ObjectStores stores) {
        this(settings, System::nanoTime, stores);
    }

    SourceReader(Settings settings, LongSupplier nanoClock) {
        this(settings, nanoClock, ObjectStores.NONE);
    }

    SourceReader(Settings settings, LongSupplier nanoClock, ObjectStores stores) {
        this.settings = settings;
        this.stores = stores;
        this.nanoClock = nanoClock;
        // HTTP/1.1 only: S3 and CDNs serve ranges over it, and a plain-text HTTP/2 upgrade buys nothing;
        // a redirect could lead anywhere, past the address checks, so none is followed
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * The bounds of one read: the range deadline, shortened to {@code callerTimeout} when the caller waits less.
     *
     * @param callerTimeout how long the caller waits for the answer, or {@code null} when it does not say
     */
    ReadWatch watch(Duration callerTimeout) {
        Duration timeout = settings.rangeTimeout();
        if (callerTimeout != null && callerTimeout.compareTo(timeout) < 0) {
            timeout = callerTimeout;
        }
        return new ReadWatch(nanoClock, timeout, settings.readTimeout(), settings.minBytesPerSecond(),
                settings.rateWindow());
    }

    /**
     * @param lastByte last byte needed, inclusive, or -1 for the end of the object
     * @param requestId sent as {@code X-Request-Id} so the source's logs can be matched with ours; may be null
     */
    InputStream open(URI uri, ByteRange range, long lastByte, String requestId, ReadWatch watch) {
        ScheduledFuture<?> ticks = TICKER.scheduleAtFixedRate(watch::check, TICK_MILLIS, TICK_MILLIS,
                TimeUnit.MILLISECONDS);
        try {
            String scheme = uri.getScheme();
            if ("file".equalsIgnoreCase(scheme)) {
                return openFile(uri, range, watch, ticks);
            }
            if ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) {
                return openHttp(uri, range, lastByte, requestId, watch, ticks);
            }
            ObjectStore store = stores.find(scheme).orElseThrow(
                    () -> new InvalidInputException(SourceGuard.FIELD, "must be an http, https or file URL"));
            return openStore(store, uri, range, lastByte, watch, ticks);
        } catch (RuntimeException e) {
            ticks.cancel(false);
            throw e;
        }
    }

    private InputStream openHttp(URI uri, ByteRange range, long lastByte, String requestId, ReadWatch watch,
            ScheduledFuture<?> ticks) {
        String shown = redact(uri);
        long from = range.readStart();
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(uri).GET().timeout(settings.readTimeout())
                    .header("Range", "bytes=" + from + "-" + (lastByte < 0 ? "" : Long.toString(lastByte)))
                    .header("Accept-Encoding", "identity");
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(SourceGuard.FIELD, "is not a URL that can be requested");
        }
        if (requestId != null && dev.cumulus.core.request.SafeId.isSafe(requestId)) {
            request.header("X-Request-Id", requestId);
        }
        CompletableFuture<HttpResponse<InputStream>> sent = client.sendAsync(request.build(),
                HttpResponse.BodyHandlers.ofInputStream());
        watch.onAbort(() -> sent.cancel(true));
        HttpResponse<InputStream> response = awaitAnswer(sent, watch, shown);
        InputStream body = response.body();
        watch.onAbort(() -> closeQuietly(body));
        watch.bodyStarted();
        try {
            long expected = RangeAnswer.expectedBytes(response, from, lastByte, shown);
            if (expected == 0) {
                closeQuietly(body);
                ticks.cancel(false);
                return InputStream.nullInputStream();
            }
            return new WatchedStream(body, watch, ticks, expected, shown);
        } catch (RuntimeException e) {
            closeQuietly(body);
            throw e;
        }
    }

    private static InputStream openStore(ObjectStore store, URI uri, ByteRange range, long lastByte,
            ReadWatch watch, ScheduledFuture<?> ticks) {
        String shown = redact(uri);
        long from = range.readStart();
        CompletableFuture<ObjectStore.Body> answer = new CompletableFuture<>();
        OPENERS.execute(() -> {
            try {
                ObjectStore.Body body = store.open(uri, from, lastByte);
                if (!answer.complete(body)) {
                    closeQuietly(body.stream()); // the watch gave up on it meanwhile
                }
            } catch (RuntimeException | Error e) {
                answer.completeExceptionally(e);
            }
        });
        watch.onAbort(() -> answer.cancel(false));
        ObjectStore.Body body = awaitBody(answer, watch, shown);
        InputStream in = body.stream();
        watch.onAbort(() -> closeQuietly(in));
        watch.bodyStarted();
        try {
            // judged like an HTTP answer: a range is the one asked for, and its length is known
            long expected = body.pastEnd()
                    ? 0
                    : RangeAnswer.expectedBytes(body.contentRange() == null ? 200 : 206, body.contentRange(),
                            body.contentLength() < 0 ? OptionalLong.empty() : OptionalLong.of(body.contentLength()),
                            from, lastByte, shown);
            if (expected == 0) {
                closeQuietly(in);
                ticks.cancel(false);
                return InputStream.nullInputStream();
            }
            return new WatchedStream(in, watch, ticks, expected, shown);
        } catch (RuntimeException e) {
            closeQuietly(in);
            throw e;
        }
    }

    private static ObjectStore.Body awaitBody(CompletableFuture<ObjectStore.Body> answer, ReadWatch watch,
            String shown) {
        try {
            return answer.get();
        } catch (CancellationException e) {
            throw stopped(watch.breach(), shown, watch, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.cancel(false);
            throw new SourceUnavailableException("interrupted while waiting for source " + shown);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CumulusException c) {
                throw c; // the store's own refusal or failure, already in the platform's terms
            }
            throw new SourceUnavailableException("cannot read source " + shown + ": " + describe(e.getCause()),
                    e.getCause());
        }
    }

    private static HttpResponse<InputStream> awaitAnswer(CompletableFuture<HttpResponse<InputStream>> sent,
            ReadWatch watch, String shown) {
        try {
            return sent.get();
        } catch (CancellationException e) {
            throw stopped(watch.breach(), shown, watch, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sent.cancel(true);
            throw new SourceUnavailableException("interrupted while waiting for source " + shown);
        } catch (ExecutionException e) {
            if (watch.breach() != null) {
                throw stopped(watch.breach(), shown, watch, false);
            }
            Throwable cause = e.getCause();
            if (cause instanceof HttpConnectTimeoutException) {
                throw SourceUnavailableException.timedOut("cannot connect to source " + shown + " in time", cause);
            }
            if (cause instanceof HttpTimeoutException) {
                throw SourceUnavailableException.timedOut("source " + shown + " did not answer in time", cause);
            }
            if (cause instanceof ConnectException) {
                throw new SourceUnavailableException("cannot connect to source " + shown, cause);
            }
            throw new SourceUnavailableException("cannot read source " + shown + ": " + describe(cause), cause);
        }
    }

    private static InputStream openFile(URI uri, ByteRange range, ReadWatch watch, ScheduledFuture<?> ticks) {
        Path path;
        try {
            path = Path.of(uri);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(SourceGuard.FIELD, "is not a valid file URL");
        }
        try {
            // the guard resolved every link already; one put in place since then is not followed
            FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            channel.position(range.readStart());
            InputStream in = Channels.newInputStream(channel);
            watch.onAbort(() -> closeQuietly(in));
            watch.bodyStarted();
            return new WatchedStream(in, watch, ticks, -1, "file " + path);
        } catch (NoSuchFileException e) {
            throw new SourceUnavailableException("no such file: " + path);
        } catch (IOException e) {
            throw new SourceUnavailableException("cannot read file " + path + ": " + describe(e), e);
        }
    }

    /** The failure that a stopped read ends in. */
    static SourceUnavailableException stopped(ReadWatch.Breach why, String shown, ReadWatch watch,
            boolean bodyStarted) {
        if (why == null) {
            return new SourceUnavailableException("reading source " + shown + " was cancelled");
        }
        return switch (why) {
            case DEADLINE -> SourceUnavailableException.timedOut("reading source " + shown + " took longer than "
                    + watch.timeout().toMillis() + " ms (cumulus.sources.range-timeout, or the caller's timeoutMs)",
                    null);
            case IDLE -> SourceUnavailableException.timedOut(bodyStarted
                    ? "source " + shown + " stopped sending (cumulus.sources.read-timeout)"
                    : "source " + shown + " did not answer in time (cumulus.sources.read-timeout)", null);
            case TOO_SLOW -> SourceUnavailableException.timedOut("source " + shown + " sent fewer than "
                    + watch.minBytesPerSecond() + " bytes per second (cumulus.sources.min-bytes-per-second)", null);
            case CALLER_GONE -> new SourceUnavailableException(
                    "the caller went away; stopped reading source " + shown);
        };
    }

    /** Scheme, host and path only: query strings of pre-signed URLs hold credentials. */
    public static String redact(URI uri) {
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        return uri.getScheme() + "://" + (uri.getHost() == null ? "" : uri.getHost()) + port
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    /** The kind of failure only: the messages of protocol errors may quote what the source sent. */
    static String describe(Throwable e) {
        return e.getClass().getSimpleName();
    }

    static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException | RuntimeException e) {
            // closing is all that is wanted; a failure to close leaves nothing to do
        }
    }
}
