package dev.cumulus.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.Context;

class LambdaIncomingTraceTest {

    static final String PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void clientContextCustom_read_andCurrentOnlyWhileEntered() {
        // given
        Context context = contextWith(Map.of("traceparent", PARENT, "tracestate", "k=v"));
        var incoming = new LambdaIncomingTrace();

        // when
        try (var scope = LambdaIncomingTrace.enter(context)) {
            // then
            var trace = incoming.current().orElseThrow();
            assertThat(trace.traceparent()).isEqualTo(PARENT);
            assertThat(trace.state()).isEqualTo("k=v");
        }
        assertThat(incoming.current()).isEmpty();
    }

    @Test
    void invalidTraceparent_noTrace() {
        try (var scope = LambdaIncomingTrace.enter(contextWith(Map.of("traceparent", PARENT.toUpperCase())))) {
            assertThat(new LambdaIncomingTrace().current()).isEmpty();
        }
    }

    @Test
    void noClientContext_noTrace() {
        assertThat(LambdaIncomingTrace.of(contextWith(null))).isEmpty();
        assertThat(LambdaIncomingTrace.of(null)).isEmpty();
    }

    static Context contextWith(Map<String, String> custom) {
        ClientContext client = custom == null ? null : proxy(ClientContext.class, "getCustom", custom);
        return proxy(Context.class, "getClientContext", client);
    }

    @SuppressWarnings("unchecked")
    static <T> T proxy(Class<T> type, String method, Object answer) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type},
                (p, m, args) -> m.getName().equals(method) ? answer : null);
    }
}
