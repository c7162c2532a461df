package dev.cumulus.core.number;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import dev.cumulus.core.error.InvalidNumberException;
import dev.cumulus.core.error.PayloadTooLargeException;

/**
 * Sums the lines that a byte range owns, streaming through a fixed buffer, so memory does not grow with the range.
 *
 * <p>
 * A range {@code [offset, offset + length)} owns exactly the lines that start inside it: it skips a partial first
 * line (unless {@code offset} is 0) and reads past its end to finish its last line. Any split of an object into
 * ranges therefore counts every line exactly once. The stream handed in must start at
 * {@link ByteRange#readStart()}: one byte before the range, which tells whether a line starts at {@code offset}.
 *
 * <p>
 * Runs of plain integer lines are summed by {@link IntegerLines}, a word at a time; every other line, and the few
 * lines at the edges of the buffer, go through {@link DecimalParser}. Both add to one {@link DecimalAccumulator}, so
 * the result does not depend on which path took a line.
 *
 * <p>
 * Each line holds one number in the grammar of {@link DecimalParser} (exponents included), within the
 * {@link NumberLimits} given; a line that is not one is refused with its line number, byte offset and start.
 */
public final class LineSummer {

    /** After the integer path declines a line, how many bytes the general path reads before it is tried again. */
    private static final int RUN_RETRY_BYTES = 4096;
    /** An error quotes a line's start only: enough bytes for the characters it shows. */
    private static final int TEXT_BYTES = 4 * 41;

    private final int maxLineLength;
    private final long maxRangeBytes;
    private final int bufferSize;

    private final DecimalParser parser;

    /** With the default number limits ({@link NumberLimits#DEFAULTS}). */
    public LineSummer(int maxLineLength, long maxRangeBytes) {
        this(maxLineLength, maxRangeBytes, NumberLimits.DEFAULTS);
    }

    /**
     * @param maxLineLength longest line accepted, in bytes; also how far past the range end a reader must fetch
     * @param maxRangeBytes most bytes a range may own
     * @param limits bounds on each number (digits, scale)
     */
    public LineSummer(int maxLineLength, long maxRangeBytes, NumberLimits limits) {
        if (maxLineLength < 1) {
            throw new IllegalArgumentException("maxLineLength must be positive: " + maxLineLength);
        }
        if (maxRangeBytes < 1) {
            throw new IllegalArgumentException("maxRangeBytes must be positive: " + maxRangeBytes);
        }
        this.maxLineLength = maxLineLength;
        this.maxRangeBytes = maxRangeBytes;
        this.bufferSize = Math.max(256 * 1024, Integer.highestOneBit(maxLineLength) * 4);
        this.parser = new DecimalParser(limits);
    }

    public int maxLineLength() {
        return maxLineLength;
    }

    /** Rejects a range longer than the limit before anything is read. */
    public void checkRange(ByteRange range) {
        if (range.length() != null && range.length() > maxRangeBytes) {
            throw tooLong();
        }
    }

    /** Sums the lines {@code range} owns from {@code in}, which starts at {@code range.readStart()}. */
    public ExactSum sum(InputStream in, ByteRange range) throws IOException {
        checkRange(range);
        return new Pass(in, range, maxRangeBytes).run();
    }

    /**
     * Sums every line of a whole stream, such as a decompressed object, whose length its caller bounds: unlike a
     * range, it is not held to the bytes a range may own.
     */
    public ExactSum sumWhole(InputStream in) throws IOException {
        return new Pass(in, new ByteRange(0, null), Long.MAX_VALUE).run();
    }

    /** Most bytes a range may own. */
    public long maxRangeBytes() {
        return maxRangeBytes;
    }

    /** The bounds of each number. */
    public NumberLimits limits() {
        return parser.limits();
    }

    private PayloadTooLargeException tooLong() {
        return new PayloadTooLargeException("a range may own at most " + maxRangeBytes
                + " bytes; split the object into smaller ranges with offset and length");
    }

    /** One pass over one stream; holds the buffer and positions. */
    private final class Pass {
        private final InputStream in;
        private final long end;
        private final DecimalAccumulator acc = new DecimalAccumulator();
        private final byte[] buf = new byte[bufferSize];
        private int len;
        private int pos;
        /** Stream position of buf[0]. */
        private long base;
        private boolean eof;
        private long line;

        private final boolean skipFirst;
        private final long offset;
        /** Lines starting before this stream position are owned and within the limit. */
        private final long ownedEnd;
        /** Most bytes the lines owned may span. */
        private final long maxOwned;
        /** No integer run is tried before this stream position (see {@link #sumIntegerRun}). */
        private long nextRunAt;

        Pass(InputStream in, ByteRange range, long maxOwned) {
            this.in = in;
            this.base = range.readStart();
            this.end = range.length() == null ? Long.MAX_VALUE : range.offset() + range.length();
            this.skipFirst = range.offset() > 0;
            this.offset = range.offset();
            this.maxOwned = maxOwned;
            long limit = maxOwned > Long.MAX_VALUE - offset ? Long.MAX_VALUE : offset + maxOwned;
            this.ownedEnd = Math.min(end, limit);
        }

        ExactSum run() throws IOException {
            fill();
            if (skipFirst && !skipPartialLine()) {
                return acc.result();
            }
            while (true) {
                if (pos >= IntegerLines.MIN_START && base + pos >= nextRunAt) {
                    sumIntegerRun();
                }
                long lineStart = base + pos;
                if (lineStart >= end) {
                    break;
                }
                if (lineStart - offset >= maxOwned) {
                    throw tooLong();
                }
                if (pos == len) {
                    if (eof) {
                        break;
                    }
                    fill();
                    continue;
                }
                int next = sumGeneralLine(pos);
                if (next < 0) {
                    fill();
                    continue;
                }
                pos = next;
            }
            return acc.result();
        }

        /**
         * Sums as many lines as the word-at-a-time path takes. When it takes none, the data is not plain integers
         * here (decimals, {@code \r\n}), so it is not tried again for a while rather than on every line.
         */
        private void sumIntegerRun() {
            long stop = Math.min(len - IntegerLines.LOOKAHEAD, ownedEnd - base);
            if (pos >= stop) {
                return;
            }
            long before = acc.count();
            int next = IntegerLines.sum(buf, pos, (int) stop, acc);
            line += acc.count() - before;
            if (next == pos) {
                nextRunAt = base + pos + RUN_RETRY_BYTES;
            }
            pos = next;
        }

        /** Moves past the line that straddles the range start. False when the stream ends first. */
        private boolean skipPartialLine() throws IOException {
            while (true) {
                for (int i = pos; i < len; i++) {
                    if (buf[i] == '\n') {
                        pos = i + 1;
                        return true;
                    }
                }
                pos = len;
                if (eof) {
                    return false;
                }
                fill();
            }
        }

        /** Any line: finds its end, then parses it. Returns -1 when the line is not complete in the buffer yet. */
        private int sumGeneralLine(int start) {
            int nl = -1;
            int scanEnd = Math.min(len, start + maxLineLength + 1);
            for (int i = start; i < scanEnd; i++) {
                if (buf[i] == '\n') {
                    nl = i;
                    break;
                }
            }
            int lineEnd;
            if (nl >= 0) {
                lineEnd = nl;
            } else if (scanEnd - start > maxLineLength) {
                line++;
                throw InvalidNumberException.atLine(line, base + start,
                        "line longer than " + maxLineLength + " bytes: " + text(start, start + 40));
            } else if (eof) {
                lineEnd = len;
            } else {
                return -1;
            }
            line++;
            DecimalParser.Outcome outcome = parser.parse(buf, start, lineEnd, acc);
            if (outcome == DecimalParser.Outcome.INVALID) {
                throw InvalidNumberException.atLine(line, base + start, text(start, lineEnd));
            }
            if (outcome == DecimalParser.Outcome.OUT_OF_BOUNDS) {
                throw InvalidNumberException.atLine(line, base + start, text(start, lineEnd),
                        "is out of bounds: " + parser.limits().describe());
            }
            return nl >= 0 ? nl + 1 : lineEnd;
        }

        /** The start of a line for an error message: no more than the message shows. */
        private String text(int from, int to) {
            int e = Math.min(Math.min(to, len), from + TEXT_BYTES);
            if (e > from && buf[e - 1] == '\r') {
                e--;
            }
            return new String(buf, from, Math.max(0, e - from), StandardCharsets.UTF_8);
        }

        /** Keeps the unread tail, then reads until the buffer is full or the stream ends. */
        private void fill() throws IOException {
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, len - pos);
                base += pos;
                len -= pos;
                pos = 0;
            }
            while (len < buf.length && !eof) {
                int n = in.read(buf, len, buf.length - len);
                if (n < 0) {
                    eof = true;
                } else {
                    len += n;
                }
            }
        }
    }
}
