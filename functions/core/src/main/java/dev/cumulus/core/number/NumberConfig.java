package dev.cumulus.core.number;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Bounds on every number the functions read, inline or from a source: {@code cumulus.numbers.*}. See
 * {@link NumberLimits}; the defaults are far beyond what honest data reaches.
 */
@ConfigMapping(prefix = "cumulus.numbers")
public interface NumberConfig {

    /** Most significant digits of one value (19 to 100000). */
    @WithDefault("1000")
    int maxDigits();

    /** The scale of one value (fraction digits minus exponent) must lie within {@code ±max-scale} (0 to 100000). */
    @WithDefault("1000")
    int maxScale();
}
