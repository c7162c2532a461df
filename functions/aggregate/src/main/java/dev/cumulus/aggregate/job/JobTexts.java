package dev.cumulus.aggregate.job;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cumulus.aggregate.AggregateRequest;
import dev.cumulus.aggregate.AggregateResult.FailedChunk;
import dev.cumulus.core.error.ErrorResponse;
import dev.cumulus.core.error.PayloadTooLargeException;
import dev.cumulus.store.job.NewJob;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a job keeps in the ledger as text: its request (from which every run plans the same chunks), its plan (the
 * size learnt at submission, so a later run plans without asking the source again), and how its last run ended.
 */
final class JobTexts {

    /** The plan of a job: {@code source} of {@code size} bytes in chunks of {@code unit}, or {@code values}. */
    @RegisterForReflection
    record Plan(String kind, long size, long unit) {
        static final String SOURCE = "source";
        static final String VALUES = "values";
    }

    /** How a run ended: the result over the recorded chunks, the chunks without one, and the error, if any. */
    @RegisterForReflection
    record Outcome(JobStatus.Result result, List<FailedChunk> failed, ErrorResponse.Detail error) {
    }

    private final ObjectMapper mapper;

    JobTexts(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    String request(AggregateRequest jobRequest) {
        String text = write(jobRequest);
        if (text.length() > NewJob.MAX_TEXT_LENGTH) {
            throw new PayloadTooLargeException("a submitted job keeps its request, of at most "
                    + NewJob.MAX_TEXT_LENGTH / 1024 + " KiB; put more values in a source object and submit that");
        }
        return text;
    }

    AggregateRequest request(String text) {
        return read(text, AggregateRequest.class);
    }

    String plan(Plan plan) {
        return write(plan);
    }

    Plan plan(String text) {
        return read(text, Plan.class);
    }

    String outcome(Outcome outcome) {
        return write(outcome);
    }

    Outcome outcome(String text) {
        return text == null ? null : read(text, Outcome.class);
    }

    /** A digest of the request as kept: the same request gives the same fingerprint. */
    static String fingerprint(String requestText) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(requestText.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return mapper.readValue(text, type);
        } catch (JsonProcessingException e) {
            // the ledger holds only what this class wrote
            throw new IllegalStateException(
                    "the job ledger holds a " + type.getSimpleName() + " this version cannot read",
                    e);
        }
    }
}
