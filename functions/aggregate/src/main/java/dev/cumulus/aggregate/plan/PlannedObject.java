package dev.cumulus.aggregate.plan;

import java.net.URI;

import dev.cumulus.core.format.RecordFormat;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One object of a source job, as planned when the job was submitted: its URL, its size in bytes then, and whether it
 * is read whole by one chunk (gzip, by its {@code .gz} name or the format's {@code compression}: a gzip stream cannot
 * be split, so no range of it can be read alone).
 */
@RegisterForReflection
public record PlannedObject(String url, long size, boolean whole) {

    /** The plan of an object of {@code size} bytes at {@code uri}: whole when its format reads it through gzip. */
    public static PlannedObject of(String url, URI uri, long size, RecordFormat format) {
        return new PlannedObject(url, size, (format == null ? RecordFormat.LINES : format).gzip(uri));
    }
}
