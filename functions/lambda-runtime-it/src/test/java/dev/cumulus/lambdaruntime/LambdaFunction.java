package dev.cumulus.lambdaruntime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One function running as on AWS Lambda's managed Java runtime: its function.zip unpacked into a task root, a JVM
 * started there by {@link ManagedJavaRuntime}, answering events from its own {@link RuntimeApiServer}. The process
 * lives until {@link #close()} and serves every {@link #invoke} in between, like one warm execution environment. Its
 * output goes to {@code <lambda.work.dir>/<name>/function.log}, whose last lines a failure shows.
 */
final class LambdaFunction implements AutoCloseable {

    /** The function's timeout: the deadline Lambda gives each event, and how long a test waits for an answer. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Lambda's limit on initialisation; a JVM and Quarkus start here in a few seconds. */
    static final Duration INIT_TIMEOUT = Duration.ofSeconds(60);

    private static final long POLL_MILLIS = 100;
    private static final int LOG_TAIL_LINES = 40;

    private final String name;
    private final RuntimeApiServer api;
    private final Process process;
    private final Path log;

    private LambdaFunction(String name, RuntimeApiServer api, Process process, Path log) {
        this.name = name;
        this.api = api;
        this.process = process;
        this.log = log;
    }

    /**
     * Unpacks {@code functions/<name>/target/function.zip} and starts it with the function's own {@code environment}
     * (its configuration) on top of what Lambda sets; returns once it asks for its first event.
     */
    static LambdaFunction start(String name, Map<String, String> environment) throws IOException {
        Path work = Path.of(System.getProperty("lambda.work.dir", "target/lambda-runtime")).resolve(name)
                .toAbsolutePath();
        long started = System.nanoTime();
        int files = FunctionZip.unpack(FunctionZip.of(name), work.resolve("task"));
        System.out.printf("[%s] function.zip unpacked: %d files in %d ms%n", name, files, millisSince(started));

        RuntimeApiServer api = RuntimeApiServer.start(ManagedJavaRuntime.functionArn(name), TIMEOUT);
        Path log = work.resolve("function.log");
        long launched = System.nanoTime();
        Process process;
        try {
            process = new ManagedJavaRuntime(name, work).start(api.hostAndPort(), environment, log);
        } catch (IOException | RuntimeException e) {
            api.close();
            throw e;
        }
        LambdaFunction function = new LambdaFunction(name, api, process, log);
        try {
            function.awaitInit(launched);
        } catch (AssertionError e) {
            function.close();
            throw e;
        }
        return function;
    }

    /** Sends one event and waits for the function's response or error. */
    InvocationResult invoke(String event) {
        return invoke(event, null);
    }

    /** Sends one event with a client context (JSON; {@code null} for none) and waits for the answer. */
    InvocationResult invoke(String event, String clientContext) {
        long sent = System.nanoTime();
        InvocationResult result = await(api.submit(event, clientContext), TIMEOUT, "an answer to " + event);
        System.out.printf("[%s] %s: %s in %d ms%n", name, result.requestId(),
                result.failed() ? "error " + result.errorTypeHeader() : "response", millisSince(sent));
        return result;
    }

    /** Queues one event, as Lambda queues an asynchronous invocation; the future completes with its answer. */
    CompletableFuture<InvocationResult> submit(String event) {
        return api.submit(event);
    }

    /** Ends the process with SIGKILL, as an execution environment dies: nothing in it runs to an end. */
    void kill() {
        try {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            api.close();
        }
    }

    private void awaitInit(long started) {
        await(api.firstPoll(), INIT_TIMEOUT, "its first poll of invocation/next");
        System.out.printf("[%s] initialised (JVM, Quarkus, handler) in %d ms; log: %s%n", name, millisSince(started),
                log);
    }

    /** Polls {@code future} until the deadline, failing early when the process has ended. */
    private <T> T await(CompletableFuture<T> future, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                return future.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillWaiting) {
                if (!process.isAlive()) {
                    throw failure("exited with status " + process.exitValue() + " before " + what);
                }
            } catch (ExecutionException e) {
                throw new AssertionError(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure("was interrupted waiting for " + what);
            }
        }
        throw failure("gave no " + what + " within " + timeout.toSeconds() + " s");
    }

    private AssertionError failure(String what) {
        String initError = api.initError() == null ? "" : "\ninit/error: " + api.initError();
        return new AssertionError(name + " " + what + initError + "\nlast lines of " + log + ":\n" + logTail());
    }

    /** Everything the process has written so far (the runtime client's lines and the application's log). */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String logTail() {
        List<String> lines = log().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    }

    @Override
    public void close() {
        try {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } finally {
            api.close();
        }
    }

    private static long millisSince(long nanoTime) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanoTime);
    }
}
