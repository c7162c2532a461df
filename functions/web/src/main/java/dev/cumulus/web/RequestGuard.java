package dev.cumulus.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.cumulus.core.error.InvalidInputException;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses, with the same JSON errors as everything else, the requests that Funqy would answer vaguely or not at all:
 * a method other than POST or GET (Funqy reports it as a media-type problem), an empty POST body (Funqy cannot read
 * one), and a path no route serves.
 */
@ApplicationScoped
public class RequestGuard {

    void install(@Observes Router router) {
        router.route().order(RequestLog.ORDER + 1).handler(this::check);
        router.route().last().handler(ctx -> ctx.fail(404));
    }

    void check(RoutingContext ctx) {
        HttpMethod method = ctx.request().method();
        boolean management = ctx.request().path().startsWith("/q/");
        if (!management && method != HttpMethod.POST && method != HttpMethod.GET && method != HttpMethod.OPTIONS) {
            ctx.fail(405);
        } else if (method == HttpMethod.POST && "0".equals(ctx.request().getHeader("Content-Length"))) {
            ctx.fail(InvalidInputException.malformed("the request body is empty"));
        } else {
            ctx.next();
        }
    }
}
