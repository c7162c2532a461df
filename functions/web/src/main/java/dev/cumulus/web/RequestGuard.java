package dev.cumulus.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.cumulus.core.error.InvalidInputException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses, before Funqy sees them and with the same JSON errors as everything else, the requests that Funqy would
 * answer wrongly: any method but POST on a function's path (Funqy would run a GET with query parameters as input,
 * and report other methods as a media-type problem) gets 405 with {@code Allow: POST}; a POST without a body (no
 * {@code Content-Length} nor chunked transfer, or a length of 0), plain JSON or a binary-mode CloudEvent, gets 400
 * (Funqy fails on the missing body with a 500); a binary-mode CloudEvent whose {@code Content-Type} is not JSON gets
 * 415 (Funqy cannot read its data, and fails with a 500); and a path no route serves gets 404. The management paths
 * ({@code /q/...}: health) pass untouched, and the key set of a function that publishes one ({@link JwksRoute}) is
 * served before this guard.
 */
@ApplicationScoped
public class RequestGuard {

    static final String ALLOWED = "POST";
    /**
     * The order of routes a function serves beside Funqy's (other methods, other paths): after the request log, before
     * this guard, which answers for Funqy's paths only.
     */
    public static final int FUNCTION_ROUTES = RequestLog.ORDER + 1;

    void install(@Observes Router router) {
        router.route().order(FUNCTION_ROUTES + 1).handler(this::check);
        router.route().last().handler(ctx -> ctx.fail(404));
    }

    void check(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (request.path().startsWith("/q/")) {
            ctx.next();
        } else if (request.method() != HttpMethod.POST) {
            ctx.fail(405);
        } else if (!hasBody(request)) {
            ctx.fail(InvalidInputException.malformed("the request has no body"));
        } else if (request.getHeader("ce-id") != null && !isJson(request.getHeader(HttpHeaders.CONTENT_TYPE))) {
            // a binary-mode CloudEvent names its data's type in Content-Type; Funqy fails on any but JSON
            ctx.fail(415);
        } else {
            ctx.next();
        }
    }

    private static boolean isJson(String mediaType) {
        String type = mediaType == null ? "" : mediaType.trim().toLowerCase(java.util.Locale.ROOT);
        return type.startsWith("application/json") || type.startsWith("application/cloudevents+json");
    }

    /**
     * Whether a body follows the headers. In HTTP/1.x a request has one only when it says so (RFC 9112, 6.3); in
     * HTTP/2 a request without a length has one unless its stream already ended.
     */
    static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            return !"0".equals(length.trim());
        }
        if (request.version() == HttpVersion.HTTP_2) {
            return !request.isEnded();
        }
        return request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }
}
