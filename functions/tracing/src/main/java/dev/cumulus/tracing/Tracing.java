package dev.cumulus.tracing;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.cumulus.core.request.TraceContext;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;

/**
 * The spans of one function instance: the OpenTelemetry SDK exporting OTLP over HTTP when an endpoint is configured,
 * else the API's no-op tracer, which creates no SDK and starts no thread (its spans record nothing but still carry
 * the caller's trace context on). Conversions between {@link TraceContext} and OpenTelemetry's context live here too.
 */
public final class Tracing implements AutoCloseable {

    static final String SCOPE = "dev.cumulus";
    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final Tracer tracer;
    private final SdkTracerProvider provider;
    private final Duration closeTimeout;

    private Tracing(Tracer tracer, SdkTracerProvider provider, Duration closeTimeout) {
        this.tracer = tracer;
        this.provider = provider;
        this.closeTimeout = closeTimeout;
    }

    /** Records nothing: the no-op tracer of the API. */
    public static Tracing off() {
        return new Tracing(OpenTelemetry.noop().getTracer(SCOPE), null, Duration.ZERO);
    }

    /** Records into {@code provider} (a test's in-memory exporter, say), and shuts it down on close. */
    public static Tracing with(SdkTracerProvider provider) {
        return new Tracing(provider.get(SCOPE), provider, Duration.ofSeconds(5));
    }

    /**
     * Exports to the OTLP/HTTP receiver at {@code endpoint} (a base URL; spans go to {@code /v1/traces}) through a
     * batch processor of at most {@code maxQueueSize} spans, each export bounded by {@code exportTimeout}.
     */
    public static Tracing exporting(URI endpoint, String serviceName, int maxQueueSize, Duration exportTimeout) {
        String base = endpoint.toString();
        var exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/traces")
                .setTimeout(exportTimeout).build();
        var processor = BatchSpanProcessor.builder(exporter).setMaxQueueSize(maxQueueSize)
                .setMaxExportBatchSize(Math.min(512, maxQueueSize)).setExporterTimeout(exportTimeout).build();
        var resource = Resource.getDefault()
                .merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), serviceName)));
        return with(SdkTracerProvider.builder().setResource(resource).addSpanProcessor(processor).build(),
                exportTimeout);
    }

    private static Tracing with(SdkTracerProvider provider, Duration closeTimeout) {
        return new Tracing(provider.get(SCOPE), provider, closeTimeout);
    }

    public Tracer tracer() {
        return tracer;
    }

    /** Whether spans are recorded and exported. */
    public boolean recording() {
        return provider != null;
    }

    /** An OpenTelemetry context whose span is the caller's, for a span started on its behalf. */
    public static Context parent(Optional<TraceContext> caller) {
        if (caller.isEmpty()) {
            return Context.root();
        }
        Map<String, String> headers = new HashMap<>(2);
        headers.put(TraceContext.TRACEPARENT, caller.get().traceparent());
        if (caller.get().state() != null) {
            headers.put(TraceContext.TRACESTATE, caller.get().state());
        }
        return W3C.extract(Context.root(), headers, MAP);
    }

    /**
     * What a call made within {@code span} sends on: the span as the parent. A span of the no-op tracer stands for the
     * caller's span, so the caller's context passes through unchanged; none when there is no trace at all.
     */
    public static Optional<TraceContext> outgoing(Span span) {
        Map<String, String> headers = new HashMap<>(2);
        W3C.inject(Context.root().with(span), headers, Map::put);
        return TraceContext.parse(headers.get(TraceContext.TRACEPARENT), headers.get(TraceContext.TRACESTATE));
    }

    /** Exports what is still queued, within the export timeout, and stops the exporter's thread. */
    @Override
    public void close() {
        if (provider != null) {
            provider.shutdown().join(closeTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        }
    }
}
