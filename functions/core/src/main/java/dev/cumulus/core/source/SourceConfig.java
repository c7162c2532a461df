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

    /** Whether {@code file:} sources are accepted. */
    @WithDefault("false")
    boolean allowFile();

    /** How long to wait for a connection to the source. */
    @WithDefault("5S")
    Duration connectTimeout();

    /** How long a read from the source may wait for the next bytes. */
    @WithDefault("30S")
    Duration readTimeout();

    /** The longest line accepted, in bytes; a range also reads this far past its end to finish its last line. */
    @WithDefault("1024")
    int maxLineLength();
}
