package dev.cumulus.core.source;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;

import dev.cumulus.core.error.SourceUnavailableException;
import dev.cumulus.core.number.ByteRange;
import dev.cumulus.core.number.ExactSum;
import dev.cumulus.core.number.LineSummer;
import dev.cumulus.core.request.CallerConnection;

/** Checks a source URL, reads the bytes a range needs and sums the lines it owns. */
public final class SourceSummer {

    private final SourceGuard guard;
    private final SourceReader reader;
    private final LineSummer summer;

    public SourceSummer(SourceGuard guard, SourceReader reader, LineSummer summer) {
        this.guard = guard;
        this.reader = reader;
        this.summer = summer;
    }

    /** Sums a range for a caller that neither bounds its wait nor can go away. */
    public ExactSum sum(String url, ByteRange range, String requestId) {
        return sum(url, range, requestId, null, CallerConnection.NONE);
    }

    /**
     * @param callerTimeout how long the caller waits for the answer, or {@code null}; the read stops by then
     * @param caller the read stops when the caller goes away
     */
    public ExactSum sum(String url, ByteRange range, String requestId, Duration callerTimeout,
            CallerConnection caller) {
        URI uri = guard.check(url);
        summer.checkRange(range);
        if (range.isEmpty()) {
            return ExactSum.EMPTY;
        }
        long lastByte = range.readEndInclusive(summer.maxLineLength());
        ReadWatch watch = reader.watch(callerTimeout);
        try (CallerConnection.Registration gone = caller.onGone(() -> watch.abort(ReadWatch.Breach.CALLER_GONE));
                InputStream in = reader.open(uri, range, lastByte, requestId, watch)) {
            return summer.sum(in, range);
        } catch (IOException e) {
            if (watch.breach() != null) {
                throw SourceReader.stopped(watch.breach(), SourceReader.redact(uri), watch, true);
            }
            throw new SourceUnavailableException(
                    "lost source " + SourceReader.redact(uri) + " while reading: " + SourceReader.describe(e), e);
        }
    }
}
