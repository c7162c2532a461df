package dev.cumulus.aggregate.job;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cumulus.aggregate.AggregateRequest;
import dev.cumulus.aggregate.AggregateResult;
import dev.cumulus.aggregate.AggregateResult.FailedChunk;
import dev.cumulus.aggregate.plan.PlannedObject;
import dev.cumulus.core.error.ErrorResponse;
import dev.cumulus.core.error.PayloadTooLargeException;
import dev.cumulus.store.job.NewJob;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a job keeps in the ledger as text: its request (from which every run plans the same chunks), its plan (the
 * size learnt at submission, so a later run plans without asking the source again), and how its last run ended.
 */
final class JobTexts {

    /**
     * The plan of a job: {@code objects} of {@code size} bytes in all, each cut into chunks of {@code unit} bytes (or
     * read whole), or {@code values}: {@code size} values in chunks of {@code unit}. ({@code source}, one object of
     * {@code size} bytes named by the request, is how jobs of one object were planned before lists of objects.)
     */
    @RegisterForReflection
    record Plan(String kind, long size, long unit, List<PlannedObject> objects) {
        static final String OBJECTS = "objects";
        static final String SOURCE = "source";
        static final String VALUES = "values";

        boolean isSource() {
            return !VALUES.equals(kind);
        }
    }

    /** A plan text longer than this is kept compressed: the object names under one prefix compress well. */
    static final int COMPRESS_FROM = 16 * 1024;
    private static final String GZIP = "gzip:";

    /**
     * How a run ended: the result over the recorded chunks, the chunks without one, the error, if any, and for a job
     * over several objects, the result of each.
     */
    @RegisterForReflection
    record Outcome(JobStatus.Result result, List<FailedChunk> failed, ErrorResponse.Detail error,
            List<AggregateResult.ObjectResult> objects) {
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

    /** The plan as the ledger keeps it: JSON, compressed when long. */
    String plan(Plan plan) {
        String text = write(plan);
        if (text.length() > COMPRESS_FROM) {
            text = GZIP + Base64.getEncoder().encodeToString(gzip(text));
        }
        if (text.length() > NewJob.MAX_TEXT_LENGTH) {
            throw new PayloadTooLargeException("the job's plan (its " + plan.objects().size()
                    + " objects and their sizes) is more than a job may keep, " + NewJob.MAX_TEXT_LENGTH / 1024
                    + " KiB; split it into jobs of fewer objects");
        }
        return text;
    }

    Plan plan(String text) {
        return read(text.startsWith(GZIP) ? gunzip(Base64.getDecoder().decode(text.substring(GZIP.length()))) : text,
                Plan.class);
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length() / 4);
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("compressing in memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    private static String gunzip(byte[] compressed) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("the job ledger holds a compressed plan this version cannot read", e);
        }
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
