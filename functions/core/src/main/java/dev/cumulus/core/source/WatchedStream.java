package dev.cumulus.core.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ScheduledFuture;

import dev.cumulus.core.error.SourceUnavailableException;

/**
 * The body of a source as the summer reads it: counts the bytes, reports them to the read's watch, fails when the
 * watch stopped the read, and fails when the body ends before the bytes the answer promised. Closing it closes the
 * connection and ends the watch.
 */
final class WatchedStream extends InputStream {

    private final InputStream in;
    private final ReadWatch watch;
    private final ScheduledFuture<?> ticks;
    /** Bytes the answer promised, or -1 when it did not say. */
    private final long expected;
    private final String shown;
    private long count;

    WatchedStream(InputStream in, ReadWatch watch, ScheduledFuture<?> ticks, long expected, String shown) {
        this.in = in;
        this.watch = watch;
        this.ticks = ticks;
        this.expected = expected;
        this.shown = shown;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        failIfStopped();
        int n;
        try {
            n = in.read(b, off, len);
        } catch (IOException e) {
            failIfStopped();
            if (expected >= 0 && count < expected) {
                throw shortBody(e);
            }
            throw e;
        }
        // a body closed by the watch may look like its end
        failIfStopped();
        if (n < 0) {
            if (expected >= 0 && count < expected) {
                throw shortBody(null);
            }
            return -1;
        }
        count += n;
        watch.progress(n);
        if (watch.check() != null) {
            failIfStopped();
        }
        return n;
    }

    private void failIfStopped() {
        ReadWatch.Breach why = watch.breach();
        if (why != null) {
            throw SourceReader.stopped(why, shown, watch, true);
        }
    }

    private SourceUnavailableException shortBody(IOException cause) {
        return new SourceUnavailableException(
                "source " + shown + " ended after " + count + " of the " + expected + " bytes it announced", cause);
    }

    @Override
    public void close() {
        ticks.cancel(false);
        SourceReader.closeQuietly(in);
    }
}
