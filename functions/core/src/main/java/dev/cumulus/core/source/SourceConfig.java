package dev.cumulus.core.source;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where sources may come from and how they are read: {@code cumulus.sources.*}. */
@ConfigMapping(prefix = "cumulus.sources")
public interface SourceConfig {

    /**
     * Hosts a source URL may name even when they resolve to loopback or private addresses. Empty by default; dev mode
     * and tests allow {@code localhost,127.0.0.1}.
     */
    Optional<List<String>> allowedHosts();

    /** Whether {@code file:} sources are accepted; they also need {@link #fileRoot()}. */
    @WithDefault("false")
    boolean allowFile();

    /**
     * The folder {@code file:} sources must lie in (after links are resolved); relative to the working directory.
     * Without it, {@code file:} sources are refused even when {@link #allowFile()} is on.
     */
    Optional<String> fileRoot();

    /** How long to wait for a connection to the source. */
    @WithDefault("5S")
    Duration connectTimeout();

    /** How long a read from the source may wait for the next bytes. */
    @WithDefault("30S")
    Duration readTimeout();

    /**
     * How long reading one range may take in all, from the request to the last byte; the caller's own
     * {@code timeoutMs} shortens it. Past it the read stops and the answer is {@code SOURCE_TIMEOUT}.
     */
    @WithDefault("2M")
    Duration rangeTimeout();

    /**
     * The slowest transfer accepted, in bytes per second, averaged over {@link #rateWindow()}; 0 turns the check off.
     */
    @WithDefault("65536")
    long minBytesPerSecond();

    /** The window over which the transfer rate is averaged; no verdict before the first window has passed. */
    @WithDefault("10S")
    Duration rateWindow();

    /** The longest line accepted, in bytes; a range also reads this far past its end to finish its last line. */
    @WithDefault("1024")
    int maxLineLength();
}
