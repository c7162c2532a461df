package dev.cumulus.tracing;

import java.net.URI;
import java.util.Optional;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The instance's {@link Tracing}, from {@link TracingConfig}; {@code OTEL_EXPORTER_OTLP_ENDPOINT} (the standard
 * variable) stands in for {@code cumulus.tracing.otlp-endpoint} when that is not set.
 */
@Singleton
public class TracingBeans {

    private static final Logger LOG = Logger.getLogger(TracingBeans.class);

    @Produces
    @Singleton
    Tracing tracing(TracingConfig config,
            @ConfigProperty(name = "otel.exporter.otlp.endpoint") Optional<String> standardEndpoint,
            @ConfigProperty(name = "quarkus.funqy.export") Optional<String> function) {
        Optional<String> endpoint = config.otlpEndpoint().or(() -> standardEndpoint).map(String::trim)
                .filter(s -> !s.isEmpty());
        if (endpoint.isEmpty()) {
            return Tracing.off();
        }
        URI uri = endpoint(endpoint.get());
        if (config.maxQueueSize() < 1) {
            throw new IllegalArgumentException("cumulus.tracing.max-queue-size must be positive");
        }
        String service = config.serviceName().orElse(function.orElse("cumulus"));
        LOG.infof("tracing: exporting the spans of %s to %s", service, uri);
        return Tracing.exporting(uri, service, config.maxQueueSize(), config.exportTimeout());
    }

    void close(@Disposes Tracing tracing) {
        tracing.close();
    }

    /** The endpoint as an http(s) URL with a host, or a clear error at startup. */
    static URI endpoint(String text) {
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            // not echoed: a URL that does not parse may hold a secret where its user part was meant to be
            throw new IllegalArgumentException("cumulus.tracing.otlp-endpoint is not a URL");
        }
        if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                || uri.getUserInfo() != null || uri.getQuery() != null) {
            throw new IllegalArgumentException(
                    "cumulus.tracing.otlp-endpoint must be an http or https URL with a host and no user or query: "
                            + uri.getScheme() + "://" + uri.getHost());
        }
        return uri;
    }
}
