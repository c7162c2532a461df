package dev.cumulus.core.log;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the console writes log lines: {@code cumulus.log.*}. */
@ConfigMapping(prefix = "cumulus.log")
public interface LogConfig {

    /**
     * {@code json}: one JSON object per line, for the platforms' log collectors (the default in the {@code prod}
     * profile, which Lambda and Knative run); {@code text}: Quarkus' console format, for people (locally, in tests).
     */
    @WithDefault("text")
    Format format();

    enum Format {
        TEXT, JSON
    }
}
