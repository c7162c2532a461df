package dev.cumulus.aggregate;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cumulus.aggregate.auth.Callers;
import dev.cumulus.aggregate.job.JobAction;
import dev.cumulus.aggregate.job.JobService;
import dev.cumulus.aggregate.job.JobStatus;
import dev.cumulus.core.error.InvalidInputException;
import dev.cumulus.tracing.ServerSpan;
import dev.cumulus.tracing.ServerSpans;
import dev.cumulus.web.RequestGuard;
import dev.cumulus.web.RequestLog;
import dev.cumulus.web.VertxIncomingTrace;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Submitted jobs over HTTP, as REST resources beside the function: {@code POST /jobs} (the job request; 202 with
 * {@code Location: /jobs/{id}}), {@code GET /jobs/{id}} (its status), {@code POST /jobs/{id}/cancel} and
 * {@code POST /jobs/{id}/redrive} (202). The same actions as the function's {@code action} field, which the Lambda
 * flavour and CloudEvents use; the answers and errors are the same, and so is the span of each request (a child of
 * the caller's {@code traceparent}), whose context a submitted job keeps for its runs.
 */
@ApplicationScoped
public class JobRoutes {

    static final int ORDER = RequestGuard.FUNCTION_ROUTES;

    private final JobService jobs;
    private final ObjectMapper mapper;
    private final Callers callers;
    private final ServerSpans spans;

    JobRoutes(JobService jobs, ObjectMapper mapper, Callers callers, ServerSpans spans) {
        this.jobs = jobs;
        this.mapper = mapper;
        this.callers = callers;
        this.spans = spans;
    }

    void install(@Observes Router router) {
        router.post("/jobs").order(ORDER).handler(ctx -> body(ctx, request -> act(ctx, JobAction.SUBMIT,
                request, 202)));
        router.get("/jobs/:id").order(ORDER).handler(ctx -> act(ctx, JobAction.STATUS, about(ctx), 200));
        router.post("/jobs/:id/cancel").order(ORDER).handler(ctx -> act(ctx, JobAction.CANCEL, about(ctx), 200));
        router.post("/jobs/:id/redrive").order(ORDER).handler(ctx -> act(ctx, JobAction.REDRIVE, about(ctx), 202));
        router.route("/jobs/*").order(ORDER + 1).handler(ctx -> ctx.fail(405));
    }

    private static AggregateRequest about(RoutingContext ctx) {
        return new AggregateRequest(ctx.pathParam("id"), null, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    private void act(RoutingContext ctx, JobAction action, AggregateRequest request, int status) {
        Context here = Vertx.currentContext();
        Optional<String> requestId = Optional.of(RequestLog.requestId(ctx));
        ServerSpan span = spans.start("aggregate", VertxIncomingTrace.of(ctx));
        try {
            String owner = callers.owner(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
            jobs.act(action, request, owner, requestId, span.outgoing()).subscribe().with(
                    answer -> here.runOnContext(v -> respond(ctx, span.ended(answer), status)),
                    failure -> here.runOnContext(v -> ctx.fail(span.failed(failure))));
        } catch (RuntimeException e) {
            ctx.fail(span.failed(e));
        }
    }

    private void respond(RoutingContext ctx, JobStatus answer, int status) {
        try {
            var response = ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE,
                    "application/json");
            if (status == 202) {
                response.putHeader(HttpHeaders.LOCATION, answer.statusUrl());
            }
            response.end(mapper.writeValueAsString(answer));
        } catch (JsonProcessingException e) {
            ctx.fail(e);
        }
    }

    /** The body (read whole, within {@code quarkus.http.limits.max-body-size}, by Quarkus) as a job request. */
    private void body(RoutingContext ctx, java.util.function.Consumer<AggregateRequest> then) {
        var body = ctx.body();
        if (body == null || body.buffer() == null || body.length() == 0) {
            ctx.fail(InvalidInputException.malformed("the request has no body; send the job request as JSON"));
            return;
        }
        AggregateRequest request;
        try {
            request = mapper.readValue(body.buffer().getBytes(), AggregateRequest.class);
        } catch (java.io.IOException e) {
            ctx.fail(e); // the shared failure handler answers a JSON refusal as for the function itself
            return;
        }
        if (request == null) {
            ctx.fail(InvalidInputException.malformed("the request body is empty"));
        } else if (request.action() != null || request.owner() != null || request.authorization() != null) {
            ctx.fail(new InvalidInputException(request.action() != null ? "action"
                    : request.owner() != null ? "owner" : "authorization",
                    "is not part of a job request; POST /jobs submits, with the token in the Authorization header"));
        } else {
            then.accept(request);
        }
    }
}
