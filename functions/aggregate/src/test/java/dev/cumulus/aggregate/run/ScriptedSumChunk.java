package dev.cumulus.aggregate.run;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.cumulus.aggregate.invoke.InvocationFailure;
import dev.cumulus.aggregate.invoke.Invoker;
import dev.cumulus.core.chunk.ChunkRequest;
import dev.cumulus.core.chunk.ChunkResult;
import dev.cumulus.core.error.ErrorCode;
import dev.cumulus.core.number.ExactSum;
import dev.cumulus.core.number.InlineSummer;
import dev.cumulus.core.request.TraceContext;
import io.smallrye.mutiny.Uni;

/**
 * A stand-in for {@code sum-chunk} in the engine's tests: it sums inline values at once and misbehaves on cue, per
 * chunk index, failing as the HTTP invoker reports {@code sum-chunk}'s answers. Slow answers come on the test's
 * {@link ManualTime}; a hanging call answers never. It counts the calls per chunk and the most in flight at once, and
 * notes the trace context each call sent.
 */
public final class ScriptedSumChunk implements Invoker {

    /** What the next {@code times} calls of a chunk meet. */
    private record Fault(int times, InvocationFailure failure, Duration delay, boolean hang, boolean wrongIndex) {
    }

    private final ManualTime time;
    private final Map<Integer, Fault> faults = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private Fault everyCall;

    /** The trace context one call of chunk {@code index} sent, or {@code null} for none. */
    public record Sent(int index, TraceContext trace) {
    }

    ScriptedSumChunk(ManualTime time) {
        this.time = time;
    }

    /** The first {@code times} calls of chunk {@code index} answer HTTP {@code status}. */
    public ScriptedSumChunk failTimes(int index, int times, int status) {
        faults.put(index, new Fault(times, answered(status), Duration.ZERO, false, false));
        return this;
    }

    /** The first {@code times} calls of chunk {@code index} answer 502 {@code SOURCE_UNAVAILABLE}. */
    public ScriptedSumChunk sourceFailsTimes(int index, int times) {
        faults.put(index, new Fault(times, sourceUnavailable(), Duration.ZERO, false, false));
        return this;
    }

    /** Every call of a chunk without a fault of its own answers 502 {@code SOURCE_UNAVAILABLE}: a dead source. */
    public ScriptedSumChunk sourceFailsEveryCall() {
        everyCall = new Fault(Integer.MAX_VALUE, sourceUnavailable(), Duration.ZERO, false, false);
        return this;
    }

    /** Every call of a chunk without a fault of its own answers {@code status}: a dead downstream. */
    public ScriptedSumChunk failEveryCall(int status) {
        everyCall = new Fault(Integer.MAX_VALUE, answered(status), Duration.ZERO, false, false);
        return this;
    }

    /** The first call of chunk {@code index} answers after {@code delay}. */
    public ScriptedSumChunk slowOnce(int index, Duration delay) {
        faults.put(index, new Fault(1, null, delay, false, false));
        return this;
    }

    /** Every call of a chunk without a fault of its own answers after {@code delay}. */
    public ScriptedSumChunk delayEveryCall(Duration delay) {
        everyCall = new Fault(Integer.MAX_VALUE, null, delay, false, false);
        return this;
    }

    /** The first {@code times} calls of chunk {@code index} never answer. */
    public ScriptedSumChunk hang(int index, int times) {
        faults.put(index, new Fault(times, null, Duration.ZERO, true, false));
        return this;
    }

    /** Chunk {@code index} is answered as if it were another chunk. */
    public ScriptedSumChunk answerForAnotherChunk(int index) {
        faults.put(index, new Fault(Integer.MAX_VALUE, null, Duration.ZERO, false, true));
        return this;
    }

    /** Forgets every fault; the counts stay. */
    public ScriptedSumChunk heal() {
        faults.clear();
        everyCall = null;
        return this;
    }

    public int calls(int index) {
        AtomicInteger n = calls.get(index);
        return n == null ? 0 : n.get();
    }

    public int totalCalls() {
        return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    /** What every call sent, in the order called. */
    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    @Override
    public Uni<ChunkResult> invoke(ChunkRequest request, String requestId, TraceContext trace, Duration timeout) {
        sent.add(new Sent(request.index(), trace));
        return invoke(request, requestId, timeout);
    }

    @Override
    public Uni<ChunkResult> invoke(ChunkRequest request, String requestId, Duration timeout) {
        return Uni.createFrom().deferred(() -> {
            int index = request.index();
            int call = calls.computeIfAbsent(index, i -> new AtomicInteger()).incrementAndGet();
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            Fault fault = faults.getOrDefault(index, everyCall);
            Uni<ChunkResult> answer;
            if (fault == null || call > fault.times()) {
                answer = Uni.createFrom().item(() -> sum(request, index));
            } else if (fault.hang()) {
                answer = Uni.createFrom().nothing();
            } else if (fault.failure() != null) {
                answer = Uni.createFrom().failure(fault.failure());
            } else if (fault.wrongIndex()) {
                answer = Uni.createFrom().item(ChunkResult.of(request.jobId(), index + 1000, ExactSum.EMPTY));
            } else {
                answer = Uni.createFrom().emitter(em -> {
                    Scheduler.Cancellable t = time.schedule(fault.delay(), () -> em.complete(sum(request, index)));
                    em.onTermination(t::cancel);
                });
            }
            return answer.onTermination().invoke(inFlight::decrementAndGet);
        });
    }

    private static ChunkResult sum(ChunkRequest request, int index) {
        return ChunkResult.of(request.jobId(), index, InlineSummer.sum(request.values()));
    }

    private static InvocationFailure answered(int status) {
        ErrorCode code = status == 422
                ? ErrorCode.INVALID_NUMBER
                : status < 500 ? ErrorCode.INVALID_INPUT : ErrorCode.INTERNAL;
        return InvocationFailure.answered(code.name(), "sum-chunk answered HTTP " + status + ": injected",
                InvocationFailure.isRetryableStatus(status));
    }

    private static InvocationFailure sourceUnavailable() {
        return InvocationFailure.answered(ErrorCode.SOURCE_UNAVAILABLE.name(),
                "sum-chunk answered HTTP 502: source http://127.0.0.1/x answered HTTP 500", true);
    }
}
