package dev.cumulus.core.source;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;

import dev.cumulus.core.error.InvalidInputException;
import dev.cumulus.core.error.SourceUnavailableException;
import dev.cumulus.core.format.RecordFormat;
import dev.cumulus.core.format.RecordSum;
import dev.cumulus.core.format.RecordSummer;
import dev.cumulus.core.number.ByteRange;
import dev.cumulus.core.number.ExactSum;
import dev.cumulus.core.number.LineSummer;
import dev.cumulus.core.request.CallerConnection;

/**
 * Checks a source URL, reads the bytes a range needs and sums the lines or records it owns (see
 * {@link RecordFormat}). A gzip object is read whole by one range and decompressed as it arrives.
 */
public final class SourceSummer {

    /** The default of {@code cumulus.sum-chunk.max-decompressed-bytes}: 4 GiB. */
    public static final long DEFAULT_MAX_DECOMPRESSED_BYTES = 4L << 30;

    private final SourceGuard guard;
    private final SourceReader reader;
    private final LineSummer summer;
    private final RecordSummer records;
    private final long maxDecompressedBytes;

    /** With the default bound on decompressed bytes. */
    public SourceSummer(SourceGuard guard, SourceReader reader, LineSummer summer) {
        this(guard, reader, summer, DEFAULT_MAX_DECOMPRESSED_BYTES);
    }

    /** @param maxDecompressedBytes most bytes a gzip object may decompress to */
    public SourceSummer(SourceGuard guard, SourceReader reader, LineSummer summer, long maxDecompressedBytes) {
        if (maxDecompressedBytes < 1) {
            throw new IllegalArgumentException("maxDecompressedBytes must be positive: " + maxDecompressedBytes);
        }
        this.guard = guard;
        this.reader = reader;
        this.summer = summer;
        this.records = new RecordSummer(summer.maxLineLength(), summer.maxRangeBytes(), summer.limits());
        this.maxDecompressedBytes = maxDecompressedBytes;
    }

    /** Sums a range for a caller that neither bounds its wait nor can go away. */
    public ExactSum sum(String url, ByteRange range, String requestId) {
        return sum(url, range, requestId, null, CallerConnection.NONE);
    }

    /**
     * Sums the lines of a range, one number per line (the format of a request without {@code format}).
     *
     * @param callerTimeout how long the caller waits for the answer, or {@code null}; the read stops by then
     * @param caller the read stops when the caller goes away
     */
    public ExactSum sum(String url, ByteRange range, String requestId, Duration callerTimeout,
            CallerConnection caller) {
        return sum(url, range, RecordFormat.LINES, requestId, callerTimeout, caller).sum();
    }

    /**
     * Sums the records of a range in the given format.
     *
     * @param format how the object holds its numbers; {@code null} means {@link RecordFormat#LINES}
     */
    public RecordSum sum(String url, ByteRange range, RecordFormat format, String requestId, Duration callerTimeout,
            CallerConnection caller) {
        RecordFormat f = format == null ? RecordFormat.LINES : format.check();
        URI uri = guard.check(url);
        boolean gzip = f.gzip(uri);
        if (gzip && range.offset() != 0) {
            throw new InvalidInputException("source.offset", "a gzip object cannot be split: read it whole, with "
                    + "offset 0 and no length");
        }
        if (!gzip) {
            // a gzip object is bounded by what it decompresses to instead
            summer.checkRange(range);
        }
        if (range.isEmpty()) {
            return new RecordSum(ExactSum.EMPTY, f.skipsMissing() ? 0L : null);
        }
        if (!gzip && f.kind() == RecordFormat.Type.CSV && f.columnIndex() < 0 && range.offset() > 0) {
            f = f.withColumnIndex(columnOf(uri, f, requestId, callerTimeout, caller));
        }
        RecordFormat chosen = f;
        // a gzip range reads one byte past its length, which tells whether the object is longer than the range
        long lastByte = gzip
                ? (range.length() == null ? -1 : range.length())
                : range.readEndInclusive(summer.maxLineLength());
        return read(uri, range, lastByte, requestId, callerTimeout, caller, in -> {
            String shown = SourceReader.redact(uri);
            if (gzip) {
                InputStream whole = new GunzipStream(in, range.length(), maxDecompressedBytes, shown);
                return chosen.kind() == RecordFormat.Type.LINES
                        ? RecordSum.of(summer.sumWhole(whole))
                        : records.sumWhole(whole, chosen, shown);
            }
            return chosen.kind() == RecordFormat.Type.LINES
                    ? RecordSum.of(summer.sum(in, range))
                    : records.sum(in, range, chosen, shown);
        });
    }

    /** The column a CSV format names, looked up in the object's first line: a short read of its own. */
    private int columnOf(URI uri, RecordFormat format, String requestId, Duration callerTimeout,
            CallerConnection caller) {
        // the longest line, its newline, and a byte order mark
        int head = records.maxLineLength() + 4;
        return read(uri, new ByteRange(0, (long) head), head - 1, requestId, callerTimeout, caller,
                in -> records.columnOf(in, format, SourceReader.redact(uri)));
    }

    private interface Reading<T> {
        T from(InputStream in) throws IOException;
    }

    private <T> T read(URI uri, ByteRange range, long lastByte, String requestId, Duration callerTimeout,
            CallerConnection caller, Reading<T> reading) {
        ReadWatch watch = reader.watch(callerTimeout);
        try (CallerConnection.Registration gone = caller.onGone(() -> watch.abort(ReadWatch.Breach.CALLER_GONE));
                InputStream in = reader.open(uri, range, lastByte, requestId, watch)) {
            return reading.from(in);
        } catch (IOException e) {
            if (watch.breach() != null) {
                throw SourceReader.stopped(watch.breach(), SourceReader.redact(uri), watch, true);
            }
            throw new SourceUnavailableException(
                    "lost source " + SourceReader.redact(uri) + " while reading: " + SourceReader.describe(e), e);
        }
    }
}
