package dev.cumulus.core.format;

import java.net.URI;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.cumulus.core.error.InvalidInputException;

/**
 * How a source object holds its numbers: the {@code format} of a {@code sum-chunk} request. Every rule about its
 * fields is in {@link #check()}, so every caller that passes it on (such as {@code aggregate}) gives the same answer:
 * {@code INVALID_INPUT} naming {@code format.<field>}. It is not checked while a request is read, so that a field the
 * format does not have is refused as unknown first, rather than as the field it was meant to be.
 *
 * <ul>
 * <li>{@code type}: {@code lines} (one number per line, the default when no format is given), {@code csv} or
 * {@code jsonl}.</li>
 * <li>{@code csv}: {@code column}, a 0-based index or a name from the header row (which needs {@code header:true});
 * {@code header} (default false): the object's first line is a header, not a record; {@code delimiter} (default
 * {@code ,}): one ASCII character other than a quote, CR or LF.</li>
 * <li>{@code jsonl}: {@code field}, a dotted path of object keys ({@code order.total}).</li>
 * <li>{@code missing} (csv and jsonl; default {@code error}): a record without a value (an empty or absent cell, a
 * missing key or {@code null}) is refused ({@code error}) or skipped and counted ({@code skip}).</li>
 * <li>{@code compression}: {@code gzip} or {@code none}; when absent, a path ending in {@code .gz} is gzip.</li>
 * </ul>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecordFormat(String type, Object column, Boolean header, String delimiter, String field,
        String missing, String compression) {

    /** The kinds of records. */
    public enum Type {
        LINES, CSV, JSONL
    }

    /** Longest column name. */
    public static final int MAX_NAME = 256;
    /** Most keys in a {@code field} path. */
    public static final int MAX_PATH_KEYS = 32;

    /** One number per line: what a request without {@code format} means. */
    public static final RecordFormat LINES = new RecordFormat("lines", null, null, null, null, null, null);

    /**
     * Checks every rule; {@link dev.cumulus.core.source.SourceSummer} does so before it reads anything.
     *
     * @return this format
     * @throws InvalidInputException naming the field ({@code format.column} etc.) that breaks a rule
     */
    public RecordFormat check() {
        Type t = parseType(type);
        if (t == Type.CSV) {
            checkCsv(column, header, delimiter);
            absent("format.field", field, "applies to jsonl only");
        } else {
            absent("format.column", column, "applies to csv only");
            absent("format.header", header, "applies to csv only");
            absent("format.delimiter", delimiter, "applies to csv only");
        }
        if (t == Type.JSONL) {
            checkPath(field);
        } else if (t == Type.LINES) {
            absent("format.field", field, "applies to jsonl only");
            absent("format.missing", missing, "applies to csv and jsonl only; blank lines are always skipped");
        }
        if (missing != null && !missing.equals("error") && !missing.equals("skip")) {
            throw new InvalidInputException("format.missing", "must be error or skip");
        }
        if (compression != null && !compression.equals("gzip") && !compression.equals("none")) {
            throw new InvalidInputException("format.compression", "must be gzip or none");
        }
        return this;
    }

    /** A CSV format by column index. */
    public static RecordFormat csv(int column, boolean header, char delimiter) {
        return new RecordFormat("csv", column, header, String.valueOf(delimiter), null, null, null).check();
    }

    /** A JSON Lines format. */
    public static RecordFormat jsonl(String field) {
        return new RecordFormat("jsonl", null, null, null, field, null, null).check();
    }

    /** The same format with {@code missing} set to {@code skip} or {@code error}. */
    public RecordFormat withMissing(String policy) {
        return new RecordFormat(type, column, header, delimiter, field, policy, compression).check();
    }

    /** The same format with a column index in place of a name, as a caller that resolved the header sends it. */
    public RecordFormat withColumnIndex(int index) {
        return new RecordFormat(type, index, header, delimiter, field, missing, compression);
    }

    public Type kind() {
        return parseType(type);
    }

    /** Whether the object's first line is a header (CSV). */
    public boolean hasHeader() {
        return Boolean.TRUE.equals(header);
    }

    /** The column's index, or -1 when it is given by name. */
    public int columnIndex() {
        return column instanceof Number n ? n.intValue() : -1;
    }

    /** The column's name, or {@code null} when it is given by index. */
    public String columnName() {
        return column instanceof String s ? s : null;
    }

    public byte delimiterByte() {
        return delimiter == null ? (byte) ',' : (byte) delimiter.charAt(0);
    }

    /** The keys of the {@code field} path. */
    public String[] path() {
        return field.split("\\.", -1);
    }

    public boolean skipsMissing() {
        return "skip".equals(missing);
    }

    /** Whether the object is read through gzip: as {@code compression} says, else by a path ending in {@code .gz}. */
    public boolean gzip(URI source) {
        if (compression != null) {
            return compression.equals("gzip");
        }
        String path = source.getPath();
        return path != null && path.toLowerCase(Locale.ROOT).endsWith(".gz");
    }

    /** How errors name the value's place in a record: {@code column 'amount'}, {@code column 2}, {@code field 'a.b'}. */
    public String describeField() {
        return switch (kind()) {
            case CSV -> column instanceof String s ? "column '" + s + "'" : "column " + column;
            case JSONL -> "field '" + field + "'";
            case LINES -> "line";
        };
    }

    private static Type parseType(String type) {
        if (type == null) {
            throw new InvalidInputException("format.type", "is required: lines, csv or jsonl");
        }
        return switch (type) {
            case "lines" -> Type.LINES;
            case "csv" -> Type.CSV;
            case "jsonl" -> Type.JSONL;
            default -> throw new InvalidInputException("format.type", "must be lines, csv or jsonl");
        };
    }

    private static void checkCsv(Object column, Boolean header, String delimiter) {
        if (column == null) {
            throw new InvalidInputException("format.column", "is required for csv: a 0-based index or a header name");
        }
        if (column instanceof String name) {
            if (name.isEmpty() || name.length() > MAX_NAME) {
                throw new InvalidInputException("format.column", "a name must have 1 to " + MAX_NAME + " characters");
            }
            if (!Boolean.TRUE.equals(header)) {
                throw new InvalidInputException("format.header", "must be true to find a column by name");
            }
        } else if (!(column instanceof Integer i) || i < 0) {
            throw new InvalidInputException("format.column",
                    "must be a 0-based column index (0 to " + Integer.MAX_VALUE + ") or a header name");
        }
        if (delimiter != null) {
            char c = delimiter.length() == 1 ? delimiter.charAt(0) : 0;
            if (c == 0 || c > 0x7f || c == '"' || c == '\r' || c == '\n') {
                throw new InvalidInputException("format.delimiter",
                        "must be one ASCII character other than a quote, CR or LF");
            }
        }
    }

    private static void checkPath(String field) {
        if (field == null) {
            throw new InvalidInputException("format.field", "is required for jsonl: a dotted path of object keys");
        }
        String[] keys = field.split("\\.", -1);
        if (field.length() > MAX_NAME || keys.length > MAX_PATH_KEYS) {
            throw new InvalidInputException("format.field",
                    "must have at most " + MAX_NAME + " characters and " + MAX_PATH_KEYS + " keys");
        }
        for (String key : keys) {
            if (key.isEmpty()) {
                throw new InvalidInputException("format.field", "must be keys joined by dots, none of them empty");
            }
        }
    }

    private static void absent(String name, Object value, String why) {
        if (value != null) {
            throw new InvalidInputException(name, why);
        }
    }
}
