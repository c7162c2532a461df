package dev.cumulus.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cumulus.core.error.CumulusException;
import dev.cumulus.core.error.ErrorCode;
import dev.cumulus.core.error.ErrorResponse;
import dev.cumulus.core.json.JsonRefusals;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;

/**
 * The one failure handler of the HTTP flavour. Funqy hands thrown exceptions, and its own refusals (bad JSON, wrong
 * media type, body too large), to {@code routingContext.fail(...)}; this maps each to its status and an
 * {@code {"error":{...}}} body (a 405 with {@code Allow: POST}, a 401 for a bearer token with
 * {@code WWW-Authenticate: Bearer}). An input that does not fit its type arrives as the
 * {@code INVALID_INPUT} that {@code StrictInput} made of it, naming the field. Expected failures are answers and are not logged as errors; anything else is a bug,
 * logged once with its stack trace, and answered with a 500 that shows none of it.
 */
@ApplicationScoped
@RegisterForReflection(targets = {ErrorResponse.class, ErrorResponse.Detail.class})
public class ErrorMapper {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

    private final ObjectMapper mapper;

    ErrorMapper(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        router.route().failureHandler(this::handle);
    }

    void handle(RoutingContext ctx) {
        if (ctx.response().ended() || ctx.response().headWritten()) {
            return;
        }
        Answer answer = answer(ctx.failure(), ctx.statusCode(), RequestLog.requestId(ctx));
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(answer.body);
        } catch (JsonProcessingException e) {
            body = "{\"error\":{\"code\":\"INTERNAL\",\"message\":\"internal error\"}}".getBytes();
        }
        if (answer.status == 405) {
            ctx.response().putHeader("Allow", RequestGuard.ALLOWED);
        }
        if (answer.body.error().code().equals(ErrorCode.INVALID_TOKEN.name())) {
            // RFC 6750: a 401 for a missing or refused bearer token names the scheme the caller must use
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
        }
        ctx.response().setStatusCode(answer.status).putHeader("Content-Type", "application/json")
                .end(io.vertx.core.buffer.Buffer.buffer(body));
    }

    record Answer(int status, ErrorResponse body) {
        static Answer of(ErrorCode code, String message) {
            return new Answer(code.status(), ErrorResponse.of(code, message));
        }
    }

    static Answer answer(Throwable failure, int statusCode, String requestId) {
        CumulusException known = findKnown(failure);
        if (known != null) {
            return new Answer(known.code().status(), ErrorResponse.of(known));
        }
        // Funqy wraps a binary-mode CloudEvent's parse error in an UncheckedIOException
        JsonProcessingException json = find(failure, JsonProcessingException.class);
        if (json != null) {
            return new Answer(ErrorCode.INVALID_INPUT.status(), ErrorResponse.of(JsonRefusals.answer(json)));
        }
        if (failure instanceof io.vertx.core.json.DecodeException) {
            return Answer.of(ErrorCode.INVALID_INPUT, "the request body is not valid JSON");
        }
        int status = failure instanceof HttpException http ? http.getStatusCode() : statusCode;
        if (failure == null || failure instanceof HttpException) {
            switch (status) {
                case 400 :
                    return Answer.of(ErrorCode.INVALID_INPUT,
                            "the request body is not valid JSON, or a field has the wrong type");
                case 404 :
                    return Answer.of(ErrorCode.NOT_FOUND, "no function answers at this path");
                case 405 :
                    return Answer.of(ErrorCode.METHOD_NOT_ALLOWED, "functions are called with POST");
                case 406 :
                case 415 :
                    return Answer.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                            "send JSON with Content-Type: application/json, or a CloudEvent");
                case 413 :
                    return Answer.of(ErrorCode.PAYLOAD_TOO_LARGE,
                            "the request body is larger than this function accepts (quarkus.http.limits.max-body-size)");
                default :
                    break;
            }
        }
        LOG.errorf(failure, "Unexpected failure (HTTP %d) of request %s", status, requestId);
        return Answer.of(ErrorCode.INTERNAL, "internal error; the log has the details under request id " + requestId);
    }

    /** Funqy wraps what a function throws; the known exception may sit a few causes deep. */
    static CumulusException findKnown(Throwable t) {
        return find(t, CumulusException.class);
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (int depth = 0; t != null && depth < 5; depth++, t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
