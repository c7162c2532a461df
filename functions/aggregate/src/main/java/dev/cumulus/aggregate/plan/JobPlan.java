package dev.cumulus.aggregate.plan;

import java.util.List;

import dev.cumulus.core.chunk.ChunkRequest;
import dev.cumulus.core.chunk.SourceRange;
import dev.cumulus.core.format.RecordFormat;
import dev.cumulus.core.number.InlineValue;

/** The chunks of one job and the {@code sum-chunk} request of each, made when it is sent, not all at once. */
public final class JobPlan {

    private final String jobId;
    private final List<Chunk> chunks;
    private final List<InlineValue> values;
    private final List<PlannedObject> objects;
    private final RecordFormat format;

    private JobPlan(String jobId, List<Chunk> chunks, List<InlineValue> values, List<PlannedObject> objects,
            RecordFormat format) {
        this.jobId = jobId;
        this.chunks = List.copyOf(chunks);
        this.values = values;
        this.objects = objects == null ? null : List.copyOf(objects);
        this.format = format;
    }

    public static JobPlan ofValues(String jobId, List<Chunk> chunks, List<InlineValue> values) {
        return new JobPlan(jobId, chunks, values, null, null);
    }

    /**
     * A job over source objects: each chunk is a byte range of one of {@code objects}, or the whole of it, read in
     * {@code format} ({@code null}: lines).
     */
    public static JobPlan ofObjects(String jobId, List<Chunk> chunks, List<PlannedObject> objects,
            RecordFormat format) {
        return new JobPlan(jobId, chunks, null, objects, format);
    }

    public String jobId() {
        return jobId;
    }

    public List<Chunk> chunks() {
        return chunks;
    }

    public int size() {
        return chunks.size();
    }

    /** Bytes of the sources, or inline values, over all chunks. */
    public long totalLength() {
        long total = 0;
        for (Chunk c : chunks) {
            total += c.length();
        }
        return total;
    }

    public boolean isSource() {
        return objects != null;
    }

    /** Whether the chunks skip records without a value and count them ({@code missing: skip}). */
    public boolean skipsMissing() {
        return format != null && format.skipsMissing();
    }

    /** The objects of a source job, in the order their chunks are numbered; empty for inline values. */
    public List<PlannedObject> objects() {
        return objects == null ? List.of() : objects;
    }

    /** The object of each chunk, by chunk index, when the job reads several objects; {@code null} otherwise. */
    public int[] objectIndexes() {
        if (objects == null || objects.size() < 2) {
            return null;
        }
        int[] of = new int[chunks.size()];
        for (Chunk c : chunks) {
            of[c.index()] = c.object();
        }
        return of;
    }

    /** The URL of the object a chunk reads, or {@code null} for inline values. */
    public String objectOf(Chunk c) {
        return objects == null ? null : objects.get(c.object()).url();
    }

    public ChunkRequest request(int index) {
        Chunk c = chunks.get(index);
        if (objects != null) {
            PlannedObject o = objects.get(c.object());
            // a whole object is read to its end, however it has grown since it was planned
            Long length = o.whole() ? null : c.length();
            return ChunkRequest.ofSource(jobId, index, new SourceRange(o.url(), c.offset(), length), format);
        }
        // a view, not a copy: the slices of a large job would otherwise double its memory
        return ChunkRequest.ofValues(jobId, index,
                values.subList((int) c.offset(), (int) (c.offset() + c.length())));
    }
}
