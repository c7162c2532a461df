package dev.cumulus.aggregate.plan;

import java.util.Locale;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One object of a source job, as planned when the job was submitted: its URL, its size in bytes then, and whether it
 * is read whole by one chunk ({@code .gz}: gzip cannot be split, so no range of it can be read alone).
 */
@RegisterForReflection
public record PlannedObject(String url, long size, boolean whole) {

    /** The plan of an object of {@code size} bytes at {@code url}: whole when its name ends in {@code .gz}. */
    public static PlannedObject of(String url, long size) {
        return new PlannedObject(url, size, isGzip(url));
    }

    /** Whether the URL names a gzip object: its path ends in {@code .gz}, whatever the case. */
    public static boolean isGzip(String url) {
        String path = url;
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        return path.toLowerCase(Locale.ROOT).endsWith(".gz");
    }
}
