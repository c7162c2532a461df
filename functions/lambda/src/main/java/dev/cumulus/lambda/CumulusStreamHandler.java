package dev.cumulus.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import io.quarkus.funqy.lambda.FunqyStreamHandler;

/**
 * The JVM handler of every function on the managed {@code java21} runtime:
 * {@code dev.cumulus.lambda.CumulusStreamHandler::handleRequest}. It runs Funqy's {@link FunqyStreamHandler} and
 * turns the failures that are answers into a {@link FunctionErrorException}: the runtime client reports its class as
 * {@code errorType} and its text, led by the stable code, as {@code errorMessage}, and prints it to the log without a
 * cause. A JSON parser's message, which can quote the event (a password), never reaches the log or the caller. Other
 * failures are faults and pass unchanged. While Funqy runs, the trace context of the client context is current
 * ({@link LambdaIncomingTrace}). After each invocation, the meters are written as EMF lines when their step has
 * passed ({@link EmfMetrics}).
 */
public class CumulusStreamHandler implements RequestStreamHandler {

    private final FunqyStreamHandler funqy = new FunqyStreamHandler();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        LambdaRequestLine.invocation(context == null ? null : context.getAwsRequestId());
        try (var trace = LambdaIncomingTrace.enter(context)) {
            funqy.handleRequest(input, output, context);
        } catch (RuntimeException | IOException e) {
            Optional<FunctionErrorException> refusal = FunctionErrorException.answering(e);
            if (refusal.isPresent()) {
                throw refusal.get();
            }
            throw e;
        } finally {
            LambdaRequestLine.invocation(null);
            EmfMetrics.afterInvocation();
        }
    }
}
