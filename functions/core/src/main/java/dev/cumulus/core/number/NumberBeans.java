package dev.cumulus.core.number;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the configured {@link NumberLimits}, a plain value, available to the function apps. */
@ApplicationScoped
public class NumberBeans {

    @Produces
    @Singleton
    NumberLimits limits(NumberConfig config) {
        return NumberLimits.configured(config.maxDigits(), config.maxScale());
    }
}
