package dev.cumulus.bench;

import java.math.BigDecimal;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The HTTP floor on the JVM for request-throughput.sh: a bare Vert.x server (the HTTP engine under Quarkus) that
 * answers {@code POST /sum-chunk} with {@code {"values":[...]}} by the exact sum of the values, on one event loop per
 * core, with no framework, routing, logging or checks. No function can answer faster than this on the same JVM.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.cumulus.bench.VertxFloorServer PORT</pre>
 */
public final class VertxFloorServer {

    private VertxFloorServer() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        int loops = Runtime.getRuntime().availableProcessors();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
        for (int i = 0; i < loops; i++) {
            vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
                JsonArray values = body.toJsonObject().getJsonArray("values");
                BigDecimal sum = BigDecimal.ZERO;
                for (Object value : values) {
                    sum = sum.add(new BigDecimal(value.toString()));
                }
                String answer = new JsonObject().put("count", values.size()).put("sum", sum.toPlainString()).encode();
                request.response().putHeader("Content-Type", "application/json").end(answer);
            }).onFailure(e -> request.response().setStatusCode(400).end())).listen(port, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().join();
        }
        System.out.println("listening on 127.0.0.1:" + port + " with " + loops + " event loops");
    }
}
