package dev.cumulus.aggregate.invoke;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cumulus.core.chunk.ChunkRequest;
import dev.cumulus.core.chunk.ChunkResult;
import dev.cumulus.core.request.TraceContext;
import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/**
 * Invokes the {@code sum-chunk} Lambda function ({@code RequestResponse}) with the chunk as its event; the correlation
 * id travels as the {@code jobId} in it, the trace context as {@code traceparent} and {@code tracestate} in the client
 * context's {@code custom} map. A function error ({@code X-Amz-Function-Error}) carries our exception's
 * {@code CODE: message} as {@code errorMessage}; throttling and the service's own 5xx are worth another try. The
 * client is synchronous (the small URL-connection HTTP client starts fast and builds natively), so calls run on an
 * executor of their own.
 */
public final class LambdaInvoker implements Invoker {

    private final LambdaClient client;
    private final String function;
    private final ObjectMapper mapper;
    private final Executor executor;

    public LambdaInvoker(LambdaClient client, String function, ObjectMapper mapper, Executor executor) {
        this.client = client;
        this.function = function;
        this.mapper = mapper;
        this.executor = executor;
    }

    @Override
    public Uni<ChunkResult> invoke(ChunkRequest request, String requestId, Duration timeout) {
        return invoke(request, requestId, null, timeout);
    }

    @Override
    public Uni<ChunkResult> invoke(ChunkRequest request, String requestId, TraceContext trace, Duration timeout) {
        return Uni.createFrom().item(() -> call(request, trace, timeout)).runSubscriptionOn(executor);
    }

    private ChunkResult call(ChunkRequest request, TraceContext trace, Duration timeout) {
        InvokeResponse response;
        try {
            response = client.invoke(b -> b.functionName(function).invocationType(InvocationType.REQUEST_RESPONSE)
                    .payload(SdkBytes.fromByteArrayUnsafe(json(request.withTimeout(timeout))))
                    .clientContext(clientContext(trace))
                    .overrideConfiguration(o -> o.apiCallTimeout(timeout)));
        } catch (TooManyRequestsException e) {
            throw InvocationFailure.transientFailure("sum-chunk is throttled: " + e.awsErrorDetails().errorCode(), e);
        } catch (LambdaException e) {
            String what = "Lambda refused to invoke sum-chunk: HTTP " + e.statusCode() + " "
                    + (e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode());
            throw InvocationFailure.answered(null, what, InvocationFailure.isRetryableStatus(e.statusCode()));
        } catch (SdkClientException e) {
            // no answer at all: a timeout or a lost connection
            throw InvocationFailure.transientFailure("cannot invoke sum-chunk: " + e.getMessage(), e);
        }
        byte[] payload = response.payload() == null ? new byte[0] : response.payload().asByteArrayUnsafe();
        if (response.functionError() != null) {
            throw functionError(response.functionError(), payload);
        }
        try {
            return mapper.readValue(payload, ChunkResult.class);
        } catch (IOException e) {
            throw InvocationFailure.unusable("sum-chunk returned a payload that is not a result", e);
        }
    }

    /**
     * {@code {"errorMessage":"INVALID_NUMBER: values[1]: ...","errorType":"..."}}: our codes lead the message. A
     * message without one (the runtime timed out or ran out of memory) is worth another try.
     */
    InvocationFailure functionError(String kind, byte[] payload) {
        String message = "";
        try {
            JsonNode error = mapper.readTree(payload);
            message = error.path("errorMessage").asText("");
        } catch (IOException | RuntimeException e) {
            // keep the empty message: the kind of error still says what happened
        }
        int colon = message.indexOf(": ");
        String code = colon < 0 ? null : InvocationFailure.knownCode(message.substring(0, colon));
        if (code == null) {
            return InvocationFailure.answered(null, "sum-chunk failed (" + kind + "): " + message, true);
        }
        int status = dev.cumulus.core.error.ErrorCode.valueOf(code).status();
        return InvocationFailure.answered(code, "sum-chunk failed: " + message.substring(colon + 2),
                InvocationFailure.isRetryableStatus(status));
    }

    /**
     * The client context ({@code X-Amz-Client-Context}, base64 JSON) that carries {@code trace}, or {@code null} for
     * none. At most 55 + 512 characters of checked ASCII, well within the 3,583 bytes Lambda allows.
     */
    String clientContext(TraceContext trace) {
        if (trace == null) {
            return null;
        }
        Map<String, String> custom = new LinkedHashMap<>();
        custom.put(TraceContext.TRACEPARENT, trace.traceparent());
        if (trace.state() != null) {
            custom.put(TraceContext.TRACESTATE, trace.state());
        }
        try {
            byte[] json = mapper.writeValueAsBytes(Map.of("custom", custom));
            return new String(Base64.getEncoder().encode(json), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a client context as JSON", e);
        }
    }

    private byte[] json(ChunkRequest request) {
        try {
            return mapper.writeValueAsBytes(request);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a chunk request as JSON", e);
        }
    }
}
