package dev.cumulus.aggregate.plan;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

import dev.cumulus.core.error.InvalidInputException;
import dev.cumulus.core.format.RecordFormat;
import dev.cumulus.core.error.PayloadTooLargeException;
import dev.cumulus.core.number.ByteRange;
import dev.cumulus.core.number.InlineValue;
import dev.cumulus.core.number.RangeSplitter;
import dev.cumulus.core.source.SourceGuard;

/**
 * Cuts a job into chunks: inline values into slices, source objects into byte ranges (their sizes learnt first; a
 * prefix listed into its objects; a {@code .gz} object read whole by one chunk). The number of objects and chunks is
 * checked before any chunk is made, so an oversized job costs nothing.
 */
public final class JobPlanner {

    private final int maxChunks;
    private final int maxObjects;
    private final SourceGuard guard;
    private final SourceSizer sizer;
    private final ObjectLister lister;

    public JobPlanner(int maxChunks, SourceGuard guard, SourceSizer sizer) {
        this(maxChunks, 1, guard, sizer, ObjectLister.NONE);
    }

    /**
     * @param maxObjects most objects in one job, listed or given
     * @param lister lists prefixes into their objects
     */
    public JobPlanner(int maxChunks, int maxObjects, SourceGuard guard, SourceSizer sizer, ObjectLister lister) {
        if (maxChunks < 1) {
            throw new IllegalArgumentException("maxChunks must be positive: " + maxChunks);
        }
        if (maxObjects < 1) {
            throw new IllegalArgumentException("maxObjects must be positive: " + maxObjects);
        }
        this.maxChunks = maxChunks;
        this.maxObjects = maxObjects;
        this.guard = guard;
        this.sizer = sizer;
        this.lister = lister;
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

    /** The plan of one source object (or prefix) of numbers in lines. */
    public JobPlan planSource(String jobId, String url, long chunkBytes, String requestId) {
        return planSources(jobId, List.of(url), chunkBytes, null, requestId);
    }

    /**
     * Checks every URL as {@code sum-chunk} will, lists each prefix and asks each object for its size, then cuts
     * them into chunks: the chunks of the first object first.
     *
     * @param urls the objects and prefixes of the job, in the order their chunks are numbered
     * @param format how the objects hold their numbers ({@code null}: lines); a gzip object is read whole
     */
    public JobPlan planSources(String jobId, List<String> urls, long chunkBytes, RecordFormat format,
            String requestId) {
        if (chunkBytes < 1) {
            throw new InvalidInputException("chunkBytes", "must be at least 1");
        }
        if (urls.size() > maxObjects) {
            throw tooManyObjects(urls.size() + " sources are given");
        }
        List<URI> checked = new ArrayList<>(urls.size());
        boolean[] prefix = new boolean[urls.size()];
        for (int i = 0; i < urls.size(); i++) { // every URL before any source is asked
            URI named = parse(urls.get(i));
            prefix[i] = named != null && lister.isPrefix(named);
            checked.add(prefix[i] ? lister.check(named) : guard.check(urls.get(i)));
        }
        List<PlannedObject> objects = new ArrayList<>();
        for (int i = 0; i < checked.size(); i++) {
            URI uri = checked.get(i);
            if (prefix[i]) {
                for (ObjectLister.Listed o : lister.list(uri, maxObjects - objects.size(), requestId)) {
                    objects.add(PlannedObject.of(o.url(), URI.create(o.url()), o.size(), format));
                }
            } else {
                if (objects.size() >= maxObjects) {
                    throw tooManyObjects("the sources hold more than " + maxObjects + " objects");
                }
                objects.add(PlannedObject.of(urls.get(i).trim(), uri, sizer.size(uri, requestId), format));
            }
        }
        return planObjects(jobId, objects, chunkBytes, format);
    }

    /**
     * The plan of objects whose sizes are known (learnt when the job was submitted): the same chunks, without asking
     * the sources again. The URLs were checked then; {@code sum-chunk} checks them again on every call.
     */
    public JobPlan planObjects(String jobId, List<PlannedObject> objects, long chunkBytes, RecordFormat format) {
        if (chunkBytes < 1) {
            throw new InvalidInputException("chunkBytes", "must be at least 1");
        }
        long count = 0;
        for (PlannedObject o : objects) {
            count += o.whole() ? (o.size() == 0 ? 0 : 1) : o.size() / chunkBytes + (o.size() % chunkBytes == 0 ? 0 : 1);
        }
        if (count > maxChunks) {
            throw new InvalidInputException("chunkBytes", "would cut the " + objects.size() + " objects into " + count
                    + " chunks; at most " + maxChunks + " are allowed, so use larger chunks or fewer objects");
        }
        List<Chunk> chunks = new ArrayList<>((int) count);
        RangeSplitter splitter = new RangeSplitter(maxChunks);
        for (int i = 0; i < objects.size(); i++) {
            PlannedObject o = objects.get(i);
            if (o.whole()) {
                if (o.size() > 0) {
                    chunks.add(new Chunk(chunks.size(), i, 0, o.size()));
                }
                continue;
            }
            for (ByteRange r : splitter.split(o.size(), chunkBytes)) {
                chunks.add(new Chunk(chunks.size(), i, r.offset(), r.length()));
            }
        }
        return JobPlan.ofObjects(jobId, chunks, objects, format);
    }

    /** The URL as a URI, or {@code null} when it is none (the guard then says why). */
    private static URI parse(String url) {
        try {
            return url == null ? null : new URI(url.trim());
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private PayloadTooLargeException tooManyObjects(String what) {
        return new PayloadTooLargeException(what + "; a job may read at most " + maxObjects
                + " objects (cumulus.aggregate.max-objects): split it into jobs by prefix");
    }
}
