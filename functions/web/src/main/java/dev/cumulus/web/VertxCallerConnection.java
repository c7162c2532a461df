package dev.cumulus.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.cumulus.core.request.CallerConnection;
import dev.cumulus.core.request.CallerSignal;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Tells a function that its HTTP caller closed the connection before the answer was sent: every request gets a
 * {@link CallerSignal}, fired by Vert.x's end handler when the response fails (the connection closed), and a function
 * that reads a source listens to it to stop reading.
 */
@ApplicationScoped
public class VertxCallerConnection implements CallerConnection {

    static final String KEY = "cumulus.caller";

    private final CurrentVertxRequest request;

    VertxCallerConnection(CurrentVertxRequest request) {
        this.request = request;
    }

    void install(@Observes Router router) {
        router.route().order(RequestLog.ORDER + 3).handler(this::watch);
    }

    void watch(RoutingContext ctx) {
        CallerSignal signal = new CallerSignal();
        ctx.put(KEY, signal);
        ctx.addEndHandler(done -> {
            if (done.failed()) {
                signal.gone();
            }
        });
        ctx.next();
    }

    @Override
    public Registration onGone(Runnable action) {
        // outside a request (a background thread) there is no caller to watch
        CallerSignal signal = ServedRequest.of(request).map(ctx -> ctx.<CallerSignal>get(KEY)).orElse(null);
        return signal == null ? NONE.onGone(action) : signal.onGone(action);
    }
}
