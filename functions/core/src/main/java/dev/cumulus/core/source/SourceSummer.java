package dev.cumulus.core.source;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;

import dev.cumulus.core.error.SourceUnavailableException;
import dev.cumulus.core.number.ByteRange;
import dev.cumulus.core.number.ExactSum;
import dev.cumulus.core.number.LineSummer;

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

    public ExactSum sum(String url, ByteRange range, String requestId) {
        URI uri = guard.check(url);
        summer.checkRange(range);
        if (range.isEmpty()) {
            return ExactSum.EMPTY;
        }
        long lastByte = range.readEndInclusive(summer.maxLineLength());
        try (InputStream in = reader.open(uri, range, lastByte, requestId)) {
            return summer.sum(in, range);
        } catch (SocketTimeoutException e) {
            throw SourceUnavailableException.timedOut("source " + SourceReader.redact(uri) + " stopped sending", e);
        } catch (IOException e) {
            throw new SourceUnavailableException(
                    "lost source " + SourceReader.redact(uri) + " while reading: " + SourceReader.describe(e), e);
        }
    }
}
