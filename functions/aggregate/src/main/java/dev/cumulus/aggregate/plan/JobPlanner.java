package dev.cumulus.aggregate.plan;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import dev.cumulus.core.error.InvalidInputException;
import dev.cumulus.core.number.ByteRange;
import dev.cumulus.core.number.InlineValue;
import dev.cumulus.core.number.RangeSplitter;
import dev.cumulus.core.source.SourceGuard;

/**
 * Cuts a job into chunks: inline values into slices, a source object into byte ranges (its size learnt first). The
 * number of chunks is checked before any is made, so an oversized job costs nothing.
 */
public final class JobPlanner {

    private final int maxChunks;
    private final SourceGuard guard;
    private final SourceSizer sizer;

    public JobPlanner(int maxChunks, SourceGuard guard, SourceSizer sizer) {
        if (maxChunks < 1) {
            throw new IllegalArgumentException("maxChunks must be positive: " + maxChunks);
        }
        this.maxChunks = maxChunks;
        this.guard = guard;
        this.sizer = sizer;
    }

    public JobPlan planValues(String jobId, List<InlineValue> values, int chunkSize) {
        if (chunkSize < 1) {
            throw new InvalidInputException("chunkSize", "must be at least 1");
        }
        int n = values.size();
        long count = n / chunkSize + (n % chunkSize == 0 ? 0 : 1);
        if (count > maxChunks) {
            throw new InvalidInputException("chunkSize", n + " values in chunks of " + chunkSize + " would make "
                    + count + " chunks; at most " + maxChunks + " are allowed, so use chunks of at least "
                    + ((n + maxChunks - 1) / maxChunks) + " values");
        }
        List<Chunk> chunks = new ArrayList<>((int) count);
        for (int from = 0; from < n; from += chunkSize) {
            chunks.add(new Chunk(chunks.size(), from, Math.min(chunkSize, n - from)));
        }
        return JobPlan.ofValues(jobId, chunks, values);
    }

    /** Checks the URL as {@code sum-chunk} will, then asks the source for its size. */
    public JobPlan planSource(String jobId, String url, long chunkBytes, String requestId) {
        URI uri = guard.check(url);
        if (chunkBytes < 1) {
            throw new InvalidInputException("chunkBytes", "must be at least 1");
        }
        return planSource(jobId, url, chunkBytes, sizer.size(uri, requestId));
    }

    /**
     * The plan of a source whose size is known (learnt when the job was submitted): the same chunks, without asking
     * the source again. The URL was checked then; {@code sum-chunk} checks it again on every call.
     */
    public JobPlan planSource(String jobId, String url, long chunkBytes, long size) {
        if (chunkBytes < 1) {
            throw new InvalidInputException("chunkBytes", "must be at least 1");
        }
        List<ByteRange> ranges = new RangeSplitter(maxChunks).split(size, chunkBytes);
        List<Chunk> chunks = new ArrayList<>(ranges.size());
        for (ByteRange r : ranges) {
            chunks.add(new Chunk(chunks.size(), r.offset(), r.length()));
        }
        return JobPlan.ofSource(jobId, chunks, url.trim());
    }
}
