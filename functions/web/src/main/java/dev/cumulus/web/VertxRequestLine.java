package dev.cumulus.web;

import jakarta.enterprise.context.ApplicationScoped;

import dev.cumulus.core.log.LogFields;
import dev.cumulus.core.request.RequestLine;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * The fields a function adds to its HTTP request's line, kept on the routing context; {@link RequestLog} writes
 * them with the rest of the line once the response has gone out, so closing the line does nothing here.
 */
@ApplicationScoped
public class VertxRequestLine implements RequestLine {

    private final CurrentVertxRequest request;

    VertxRequestLine(CurrentVertxRequest request) {
        this.request = request;
    }

    @Override
    public LogFields open() {
        return ServedRequest.of(request).map(VertxRequestLine::of).orElseGet(RequestLine.NONE::open);
    }

    /** The fields of the line of the request {@code ctx}, for a route that serves it without Funqy. */
    public static LogFields of(RoutingContext ctx) {
        LogFields fields = ctx.get(RequestLog.FIELDS_KEY);
        if (fields == null) {
            fields = new LogFields("request");
            ctx.put(RequestLog.FIELDS_KEY, fields);
        }
        return fields;
    }

    @Override
    public void close(LogFields fields) {
        // written by RequestLog at the end of the response
    }
}
