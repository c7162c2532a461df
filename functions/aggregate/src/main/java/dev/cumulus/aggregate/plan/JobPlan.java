package dev.cumulus.aggregate.plan;

import java.util.List;

import dev.cumulus.core.chunk.ChunkRequest;
import dev.cumulus.core.chunk.SourceRange;
import dev.cumulus.core.number.InlineValue;

/** The chunks of one job and the {@code sum-chunk} request of each, made when it is sent, not all at once. */
public final class JobPlan {

    private final String jobId;
    private final List<Chunk> chunks;
    private final List<InlineValue> values;
    private final String url;

    private JobPlan(String jobId, List<Chunk> chunks, List<InlineValue> values, String url) {
        this.jobId = jobId;
        this.chunks = List.copyOf(chunks);
        this.values = values;
        this.url = url;
    }

    public static JobPlan ofValues(String jobId, List<Chunk> chunks, List<InlineValue> values) {
        return new JobPlan(jobId, chunks, values, null);
    }

    public static JobPlan ofSource(String jobId, List<Chunk> chunks, String url) {
        return new JobPlan(jobId, chunks, null, url);
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

    /** Bytes of the source, or inline values, over all chunks. */
    public long totalLength() {
        long total = 0;
        for (Chunk c : chunks) {
            total += c.length();
        }
        return total;
    }

    public boolean isSource() {
        return url != null;
    }

    public ChunkRequest request(int index) {
        Chunk c = chunks.get(index);
        if (url != null) {
            return ChunkRequest.ofSource(jobId, index, new SourceRange(url, c.offset(), c.length()));
        }
        // a view, not a copy: the slices of a large job would otherwise double its memory
        return ChunkRequest.ofValues(jobId, index,
                values.subList((int) c.offset(), (int) (c.offset() + c.length())));
    }
}
