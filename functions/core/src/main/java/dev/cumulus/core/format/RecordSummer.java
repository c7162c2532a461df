package dev.cumulus.core.format;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import dev.cumulus.core.error.InvalidInputException;
import dev.cumulus.core.error.InvalidNumberException;
import dev.cumulus.core.error.InvalidRecordException;
import dev.cumulus.core.error.PayloadTooLargeException;
import dev.cumulus.core.error.RecordSite;
import dev.cumulus.core.number.ByteRange;
import dev.cumulus.core.number.DecimalAccumulator;
import dev.cumulus.core.number.DecimalParser;
import dev.cumulus.core.number.ExactSum;
import dev.cumulus.core.number.NumberLimits;

/**
 * Sums one value of each record that a byte range owns, for the record formats (CSV, JSON Lines), streaming through
 * a fixed buffer like {@link dev.cumulus.core.number.LineSummer}. Every record is one line, so the range owns the
 * same lines as the plain-number format does: those that start inside {@code [offset, offset + length)}; any split of
 * an object counts every record once.
 *
 * <p>
 * At offset 0 a UTF-8 byte order mark is skipped, and with {@code header:true} the object's first line is the
 * header: not a record, and where a column named by the format is looked up. A range that starts later gets the
 * column's index from its caller ({@link RecordFormat#withColumnIndex}, after {@link #columnOf} on the header line).
 * Empty lines (and, in JSON Lines, lines of spaces) are skipped and not counted.
 */
public final class RecordSummer {

    private final int maxLineLength;
    private final long maxRangeBytes;
    private final int bufferSize;
    private final DecimalParser parser;

    /**
     * @param maxLineLength longest line accepted, in bytes
     * @param maxRangeBytes most bytes a range may own
     * @param limits bounds on each number
     */
    public RecordSummer(int maxLineLength, long maxRangeBytes, NumberLimits limits) {
        if (maxLineLength < 1 || maxRangeBytes < 1) {
            throw new IllegalArgumentException("maxLineLength and maxRangeBytes must be positive");
        }
        this.maxLineLength = maxLineLength;
        this.maxRangeBytes = maxRangeBytes;
        this.bufferSize = Math.max(64 * 1024, Integer.highestOneBit(maxLineLength) * 4);
        this.parser = new DecimalParser(limits);
    }

    public int maxLineLength() {
        return maxLineLength;
    }

    /**
     * Sums the records {@code range} owns from {@code in}, which starts at {@code range.readStart()}.
     *
     * @param source the object's redacted URL, for errors
     */
    public RecordSum sum(InputStream in, ByteRange range, RecordFormat format, String source) throws IOException {
        return new Pass(in, range, format, source, maxRangeBytes).run();
    }

    /** Sums every record of a whole stream (a decompressed object), whose length its caller bounds. */
    public RecordSum sumWhole(InputStream in, RecordFormat format, String source) throws IOException {
        return new Pass(in, new ByteRange(0, null), format, source, Long.MAX_VALUE).run();
    }

    /**
     * The index of the column {@code format} names, in the header line that {@code in} starts with (the object read
     * from its start, at least {@link #maxLineLength()} + 3 bytes of it unless it is shorter).
     */
    public int columnOf(InputStream in, RecordFormat format, String source) throws IOException {
        byte[] head = in.readNBytes(maxLineLength + 4);
        int from = hasBom(head, head.length) ? 3 : 0;
        int nl = from;
        while (nl < head.length && head[nl] != '\n') {
            nl++;
        }
        if (nl - from > maxLineLength) {
            throw InvalidRecordException.ofObject(source,
                    "its header line is longer than " + maxLineLength + " bytes (cumulus.sources.max-line-length)");
        }
        int end = nl > from && head[nl - 1] == '\r' ? nl - 1 : nl;
        return columnOf(head, from, end, format, source);
    }

    private static int columnOf(byte[] b, int start, int end, RecordFormat format, String source) {
        List<String> names;
        try {
            names = CsvFields.names(b, start, end, format.delimiterByte());
        } catch (RecordProblem p) {
            throw InvalidRecordException.ofObject(source, "its header line " + p.getMessage());
        }
        int index = names.indexOf(format.columnName());
        if (index < 0) {
            throw new InvalidInputException("format.column", "the header of " + source + " has no column named '"
                    + shown(format.columnName()) + "'");
        }
        if (names.lastIndexOf(format.columnName()) != index) {
            throw new InvalidInputException("format.column", "the header of " + source + " names more than one"
                    + " column '" + shown(format.columnName()) + "'; give the column's index");
        }
        return index;
    }

    private FieldReader reader(RecordFormat format, int column) {
        return switch (format.kind()) {
            case CSV -> new CsvFields(format.delimiterByte(), column, parser);
            case JSONL -> new JsonFields(format.path(), parser, maxLineLength);
            case LINES -> throw new IllegalArgumentException("lines are summed by LineSummer");
        };
    }

    /** The caller's column name, printable, for an answer. */
    private static String shown(String name) {
        return name.replaceAll("\\p{Cntrl}", "?");
    }

    private static boolean hasBom(byte[] b, int len) {
        return len >= 3 && b[0] == (byte) 0xEF && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF;
    }

    /** One pass over one stream; holds the buffer and positions. */
    private final class Pass {
        private final InputStream in;
        private final RecordFormat format;
        private final String source;
        private final String where;
        private final long end;
        private final long offset;
        private final long maxOwned;
        private final DecimalAccumulator acc = new DecimalAccumulator();
        private final byte[] buf = new byte[bufferSize];
        private int len;
        private int pos;
        /** Stream position of buf[0]. */
        private long base;
        private boolean eof;
        private long line;
        private long skipped;
        /** Until the header line is passed (at offset 0 with a header). */
        private boolean headerPending;
        /** {@code null} until the header has given the column's index. */
        private FieldReader reader;

        Pass(InputStream in, ByteRange range, RecordFormat format, String source, long maxOwned) {
            this.in = in;
            this.format = format;
            this.source = source;
            this.where = format.describeField();
            this.base = range.readStart();
            this.offset = range.offset();
            this.end = range.length() == null ? Long.MAX_VALUE : range.offset() + range.length();
            this.maxOwned = maxOwned;
            this.headerPending = offset == 0 && format.hasHeader();
            boolean byName = format.kind() == RecordFormat.Type.CSV && format.columnIndex() < 0;
            if (byName && !headerPending) {
                throw new IllegalArgumentException("a range after the header needs the column's index");
            }
            this.reader = byName ? null : reader(format, format.columnIndex());
        }

        RecordSum run() throws IOException {
            fill();
            if (offset > 0) {
                if (!skipPartialLine()) {
                    return result();
                }
            } else if (hasBom(buf, len)) {
                pos = 3;
            }
            while (true) {
                long lineStart = base + pos;
                if (lineStart >= end) {
                    break;
                }
                if (lineStart - offset >= maxOwned) {
                    throw new PayloadTooLargeException("a range may own at most " + maxOwned
                            + " bytes; split the object into smaller ranges with offset and length");
                }
                if (pos == len) {
                    if (eof) {
                        break;
                    }
                    fill();
                    continue;
                }
                int next = record(pos);
                if (next < 0) {
                    fill();
                    continue;
                }
                pos = next;
            }
            return result();
        }

        private RecordSum result() {
            ExactSum sum = acc.result();
            return new RecordSum(sum, format.skipsMissing() ? skipped : null);
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

        /** Reads one record. Returns where the next starts, or -1 when the line is not complete in the buffer yet. */
        private int record(int start) {
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
                throw InvalidRecordException.at(site(start), null,
                        "is longer than " + maxLineLength + " bytes (cumulus.sources.max-line-length)");
            } else if (eof) {
                lineEnd = len;
            } else {
                return -1;
            }
            line++;
            int e = lineEnd > start && buf[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            if (headerPending) {
                headerPending = false;
                if (reader == null) {
                    reader = reader(format, columnOf(buf, start, e, format, source));
                }
            } else if (!reader.blank(buf, start, e)) {
                read(start, e);
            }
            return nl >= 0 ? nl + 1 : lineEnd;
        }

        private void read(int start, int e) {
            boolean found;
            try {
                found = reader.read(buf, start, e, acc);
            } catch (RecordProblem p) {
                if (p.text != null) {
                    throw InvalidNumberException.inRecord(site(start), where, p.text, p.getMessage());
                }
                throw InvalidRecordException.at(site(start), p.atValue ? where : null, p.getMessage());
            }
            if (!found) {
                if (!format.skipsMissing()) {
                    throw InvalidRecordException.at(site(start), where, "has no value (an empty or missing cell, "
                            + "a missing key or null); with format.missing skip such records are counted instead");
                }
                skipped++;
            }
        }

        private RecordSite site(int start) {
            return new RecordSite(source, line, base + start);
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
