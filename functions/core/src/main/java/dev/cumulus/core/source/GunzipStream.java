package dev.cumulus.core.source;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import dev.cumulus.core.error.InvalidInputException;
import dev.cumulus.core.error.InvalidRecordException;
import dev.cumulus.core.error.PayloadTooLargeException;

/**
 * The decompressed bytes of a gzip object (one or more members), read as they arrive. More than
 * {@code maxDecompressed} bytes out is refused ({@code PAYLOAD_TOO_LARGE}), so a small object that inflates without
 * end (a zip bomb) costs bounded work. When the request gave the range a length, a compressed object longer than it
 * is refused: a gzip object cannot be split, so its one range must cover it. Corrupt or cut-short data is
 * {@code INVALID_RECORD}.
 */
final class GunzipStream extends InputStream {

    private final Raw raw;
    private final long maxDecompressed;
    private final String shown;
    private GZIPInputStream gzip;
    private long count;

    /**
     * @param in the object from its first byte, and one byte past {@code length} when that is given
     * @param length the range's length, or {@code null}
     */
    GunzipStream(InputStream in, Long length, long maxDecompressed, String shown) {
        this.raw = new Raw(in, length, shown);
        this.maxDecompressed = maxDecompressed;
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
        int n;
        try {
            if (gzip == null) {
                gzip = new GZIPInputStream(raw, 64 * 1024); // reads the first header
            }
            n = gzip.read(b, off, len);
        } catch (ZipException e) {
            throw InvalidRecordException.ofObject(shown, "is not gzip data, or its gzip data is corrupt");
        } catch (EOFException e) {
            if (raw.ended) {
                throw InvalidRecordException.ofObject(shown, "its gzip data ends early (a cut-short object)");
            }
            throw e;
        }
        if (n > 0) {
            count += n;
            if (count > maxDecompressed) {
                throw new PayloadTooLargeException("source " + shown + " decompresses to more than " + maxDecompressed
                        + " bytes (cumulus.sum-chunk.max-decompressed-bytes)");
            }
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        raw.close();
    }

    /** The compressed bytes: notes their end, and refuses more than the range's length. */
    private static final class Raw extends InputStream {
        private final InputStream in;
        private final long length;
        private final String shown;
        private long count;
        boolean ended;

        Raw(InputStream in, Long length, String shown) {
            this.in = in;
            this.length = length == null ? Long.MAX_VALUE : length;
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
            int n = in.read(b, off, len);
            if (n < 0) {
                ended = true;
                return n;
            }
            count += n;
            if (count > length) {
                throw new InvalidInputException("source.length", "a gzip object cannot be split: the one range of "
                        + shown + " must cover the whole object (leave length out)");
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
