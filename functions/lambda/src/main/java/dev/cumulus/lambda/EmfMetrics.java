package dev.cumulus.lambda;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Makes the Lambda flavour's one {@link MeterRegistry}, an {@link EmfMeterRegistry} that every meter of the
 * application is made in, lets the handler write it at the end of each invocation ({@link #afterInvocation}), and
 * writes what is left when the application stops. Each metric has the dimension {@code function}: the application's
 * name. This flavour has plain Micrometer, not Quarkus' extension (which would bring an HTTP server along), so no
 * binder adds meters of its own: the registry holds the functions' meters alone.
 */
@Singleton
// what Quarkus' Micrometer extension registers for a native image: percentile histograms (a timer's
// publishPercentileHistogram) make HdrHistogram's classes by reflection
@RegisterForReflection(classNames = {"org.HdrHistogram.Histogram", "org.HdrHistogram.DoubleHistogram",
        "org.HdrHistogram.ConcurrentHistogram"}, methods = false, fields = false, ignoreNested = true)
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

    /** At shutdown: writes what happened since the last write. */
    void close(@Disposes EmfMeterRegistry registry) {
        if (current == registry) {
            current = null;
        }
        registry.close();
    }

    /** Writes the meters when their step has passed; nothing before the application has made them. */
    static void afterInvocation() {
        EmfMeterRegistry registry = current;
        if (registry != null) {
            registry.publishIfDue();
        }
    }
}
