package dev.cumulus.lambda;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.Clock;

/**
 * Makes the Lambda flavour's {@link EmfMeterRegistry}, which Quarkus adds to the registry every meter is made in, and
 * lets the handler write it at the end of each invocation ({@link #afterInvocation}). Each metric has the dimension
 * {@code function}: the application's name.
 */
@Singleton
public class EmfMetrics {

    /** The registry of this instance, once made; the handler is no CDI bean and finds it here. */
    private static volatile EmfMeterRegistry current;

    @Produces
    @Singleton
    EmfMeterRegistry emfMeterRegistry(EmfConfig config,
            @ConfigProperty(name = "quarkus.application.name") String name) {
        EmfMeterRegistry registry = new EmfMeterRegistry(config.namespace(), config.step(), Clock.SYSTEM,
                config.enabled() ? System.out::println : line -> {
                });
        registry.config().commonTags("function", name);
        current = registry;
        return registry;
    }

    /** Writes the meters when their step has passed; nothing before the application has made them. */
    static void afterInvocation() {
        EmfMeterRegistry registry = current;
        if (registry != null) {
            registry.publishIfDue();
        }
    }
}
