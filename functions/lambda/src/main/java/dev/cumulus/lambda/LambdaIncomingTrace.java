package dev.cumulus.lambda;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.Context;

import dev.cumulus.core.request.IncomingTrace;
import dev.cumulus.core.request.TraceContext;

/**
 * The trace context of the Lambda invocation being served: {@code traceparent} and {@code tracestate} in the client
 * context's {@code custom} map, where {@code aggregate}'s Lambda invoker puts them. {@link CumulusStreamHandler} makes
 * it current on the thread that runs the function, for the length of the invocation.
 */
@ApplicationScoped
public class LambdaIncomingTrace implements IncomingTrace {

    private static final ThreadLocal<TraceContext> CURRENT = new ThreadLocal<>();

    @Override
    public Optional<TraceContext> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** The trace context {@code context}'s client context carries, when valid. */
    static Optional<TraceContext> of(Context context) {
        ClientContext client = context == null ? null : context.getClientContext();
        Map<String, String> custom = client == null ? null : client.getCustom();
        if (custom == null) {
            return Optional.empty();
        }
        return TraceContext.parse(custom.get(TraceContext.TRACEPARENT), custom.get(TraceContext.TRACESTATE));
    }

    /** Makes {@code context}'s trace the current one on this thread until the returned scope is closed. */
    static Scope enter(Context context) {
        TraceContext before = CURRENT.get();
        CURRENT.set(of(context).orElse(null));
        return () -> CURRENT.set(before);
    }

    /** The time an invocation's trace is current. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
