package dev.cumulus.aggregate.invoke;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cumulus.core.chunk.ChunkRequest;
import dev.cumulus.core.chunk.ChunkResult;
import dev.cumulus.core.request.TraceContext;
import io.smallrye.mutiny.Uni;

/**
 * Calls {@code sum-chunk} over HTTP: {@code POST <base>/sum-chunk} with the chunk as JSON and the correlation id as
 * {@code X-Request-Id}, and the trace context as {@code traceparent} and {@code tracestate}. The JDK client sends without blocking a thread and keeps connections alive between calls; at
 * most as many are open as calls are in flight, which the job's concurrency cap bounds.
 */
public final class HttpInvoker implements Invoker {

    private final HttpClient client;
    private final URI endpoint;
    private final ObjectMapper mapper;

    public HttpInvoker(HttpClient client, URI baseUrl, ObjectMapper mapper) {
        this.client = client;
        String base = baseUrl.toString();
        this.endpoint = URI.create(base.endsWith("/") ? base + "sum-chunk" : base + "/sum-chunk");
        this.mapper = mapper;
    }

    public static HttpClient newClient(Duration connectTimeout) {
        // HTTP/1.1: a plain-text HTTP/2 upgrade attempt on every new connection buys nothing here
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public Uni<ChunkResult> invoke(ChunkRequest request, String requestId, Duration timeout) {
        return invoke(request, requestId, null, timeout);
    }

    @Override
    public Uni<ChunkResult> invoke(ChunkRequest request, String requestId, TraceContext trace, Duration timeout) {
        return Uni.createFrom().deferred(() -> {
            HttpRequest.Builder http = HttpRequest.newBuilder(endpoint).timeout(timeout)
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json(request.withTimeout(timeout))));
            if (requestId != null) {
                http.header("X-Request-Id", requestId);
            }
            if (trace != null) {
                http.header(TraceContext.TRACEPARENT, trace.traceparent());
                if (trace.state() != null) {
                    http.header(TraceContext.TRACESTATE, trace.state());
                }
            }
            return Uni.createFrom()
                    .completionStage(() -> client.sendAsync(http.build(), HttpResponse.BodyHandlers.ofByteArray()))
                    .onFailure().transform(e -> transportFailure(e, timeout))
                    .map(this::read);
        });
    }

    private byte[] json(ChunkRequest request) {
        try {
            return mapper.writeValueAsBytes(request);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a chunk request as JSON", e);
        }
    }

    private ChunkResult read(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status == 200) {
            try {
                return mapper.readValue(response.body(), ChunkResult.class);
            } catch (IOException e) {
                throw InvocationFailure.unusable("sum-chunk answered HTTP 200 with a body that is not a result", e);
            }
        }
        JsonNode error = errorOf(response.body());
        String code = InvocationFailure.knownCode(error.path("code").asText(null));
        String message = error.path("message").asText("no error message");
        throw InvocationFailure.answered(code, "sum-chunk answered HTTP " + status + ": " + message,
                InvocationFailure.isRetryableStatus(status));
    }

    private JsonNode errorOf(byte[] body) {
        try {
            return mapper.readTree(body).path("error");
        } catch (IOException | RuntimeException e) {
            // a proxy's HTML error page, say: the status alone must do
            return mapper.missingNode();
        }
    }

    private static Throwable transportFailure(Throwable e, Duration timeout) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof InvocationFailure) {
            return cause;
        }
        if (cause instanceof HttpTimeoutException) {
            return InvocationFailure.transientFailure(
                    "sum-chunk did not answer within " + timeout.toMillis() + " ms", cause);
        }
        if (cause instanceof IOException) {
            return InvocationFailure.transientFailure("cannot reach sum-chunk: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")"), cause);
        }
        return cause;
    }
}
