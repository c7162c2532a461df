package dev.cumulus.core.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.engine.SourceOfRandomness;

/**
 * Random hostile requests for a function, drawn from jqwik arbitraries with a fixed seed, so a run is repeatable: JSON
 * of the function's fields and of unknown ones with values of every type (long digit runs, exponents, huge and tiny
 * numbers, numeric and foreign-digit strings, deep nesting), broken JSON, random bytes (invalid UTF-8 among them), no
 * body, and the wrong content types. Numbers run up to {@value #MAX_DIGITS} digits, past the functions' bound of
 * {@value #BOUND} digits, and mostly have exponents within {@code ±}{@value #BOUND}, some far past it
 * ({@code 1e-900000000}); the numbers of a function that forwards its values keep within the bounds.
 * Source URLs are ones refused before any connection (internal addresses also in IPv6 transition forms, invalid
 * ports, other schemes): no request leaves the machine, nor reaches a real source.
 */
public final class HostileRequests {

    public static final int MAX_DIGITS = 3000;
    /** The functions' default bound on digits and on the scale of one number. */
    public static final int BOUND = 1000;

    /** One request: method and path, content type (or none), body bytes (or none: no body at all). */
    public record Request(String path, String contentType, byte[] body, boolean cloudEvent) {

        public String head() {
            StringBuilder head = new StringBuilder("POST ").append(path).append(" HTTP/1.1");
            if (contentType != null) {
                head.append("\r\nContent-Type: ").append(contentType);
            }
            if (cloudEvent) {
                head.append("\r\nce-id: p-1\r\nce-specversion: 1.0\r\nce-type: test\r\nce-source: test");
            }
            if (body != null) {
                head.append("\r\nContent-Length: ").append(body.length);
            }
            return head.toString();
        }

        @Override
        public String toString() {
            String shown = body == null ? "(no body)" : new String(body, StandardCharsets.UTF_8);
            return head().replace("\r\n", " | ") + " | " + (shown.length() > 300
                    ? shown.substring(0, 300) + "..."
                    : shown);
        }
    }

    private final String function;
    private final List<String> fields;
    private final Arbitrary<String> fieldValues;
    private final boolean numbersOnly;

    /**
     * @param fields the input's own fields (they are drawn as often as unknown ones)
     * @param numbersOnly whether value arrays hold only numbers (a function that forwards its values elsewhere)
     */
    public HostileRequests(String function, List<String> fields, boolean numbersOnly) {
        this.function = function;
        this.fields = fields;
        this.fieldValues = value(3, numbersOnly);
        this.numbersOnly = numbersOnly;
    }

    /** {@code count} requests from {@code seed}: the same ones on every run. */
    public List<Request> sample(long seed, int count) {
        // sampleStream draws from jqwik's source of randomness of this thread, which create(seed) seeds
        SourceOfRandomness.create(Long.toString(seed));
        return requests().sampleStream().limit(count).toList();
    }

    Arbitrary<Request> requests() {
        Arbitrary<String> path = Arbitraries.of("/", "/" + function);
        Arbitrary<String> contentType = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just("application/json")),
                Tuple.of(1, Arbitraries.of("application/json; charset=utf-8", "text/plain",
                        "application/x-www-form-urlencoded", "application/cloudevents-batch+json",
                        "application/octet-stream", "application/jsonx")),
                Tuple.of(1, Arbitraries.just((String) null)));
        Arbitrary<byte[]> body = Arbitraries.frequencyOf(
                Tuple.of(12, object().map(HostileRequests::utf8)),
                Tuple.of(2, object().map(json -> utf8(json.substring(0, json.length() / 2)))),
                Tuple.of(2, Arbitraries.bytes().array(byte[].class).ofMaxSize(200)),
                Tuple.of(1, invalidUtf8()),
                // nested arrays as values: only for a function that reads them itself
                Tuple.of(numbersOnly ? 0 : 1, deepNesting().map(HostileRequests::utf8)),
                Tuple.of(1, Arbitraries.of(new byte[0], null)));
        Arbitrary<Request> plain = Combinators.combine(path, contentType, body, Arbitraries.of(false, false, true))
                .as(Request::new);
        Arbitrary<Request> structured = object().map(data -> new Request("/", "application/cloudevents+json",
                utf8("{\"specversion\":\"1.0\",\"id\":\"p-2\",\"type\":\"test\",\"source\":\"test\","
                        + "\"datacontenttype\":\"application/json\",\"data\":" + data + "}"),
                false));
        return Arbitraries.frequencyOf(Tuple.of(9, plain), Tuple.of(1, structured));
    }

    /** A JSON object of known and unknown fields. */
    Arbitrary<String> object() {
        Arbitrary<String> name = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(fields)),
                Tuple.of(1, Arbitraries.of("chunk_size", "chunkSzie", "tolerated_failures", "Records",
                        "VALUES", "", "a\u0000b", "\u00e9t\u00e9", "__proto__")),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(20)));
        return Combinators.combine(name.map(HostileRequests::quote), fieldValues).as((k, v) -> k + ":" + v).list()
                .ofMaxSize(5).map(members -> "{" + String.join(",", members) + "}");
    }

    private static Arbitrary<String> value(int depth, boolean numbersOnly) {
        Arbitrary<String> leaf = Arbitraries.oneOf(number(true), numericString(), Arbitraries.strings().ofMaxLength(30)
                .map(HostileRequests::quote), Arbitraries.of("true", "false", "null", "\"\"", "{}", "[]"));
        Arbitrary<String> element = numbersOnly ? number(false) : leaf;
        Arbitrary<String> array = element.list().ofMaxSize(20).map(items -> "[" + String.join(",", items) + "]");
        if (depth == 0) {
            return Arbitraries.oneOf(leaf, array);
        }
        Arbitrary<String> nested = Arbitraries.lazy(() -> value(depth - 1, numbersOnly));
        Arbitrary<String> object = Combinators.combine(Arbitraries.of("url", "offset", "length", "x", "values")
                .map(HostileRequests::quote), nested).as((k, v) -> k + ":" + v).list().ofMaxSize(3)
                .map(members -> "{" + String.join(",", members) + "}");
        Arbitrary<String> url = Arbitraries.of("file:///etc/passwd", "http://169.254.169.254/latest/meta-data/",
                "http://10.0.0.1/n.txt", "ftp://127.0.0.1/n.txt", "not a url", "", "http://127.0.0.1:99999/n.txt",
                "file://host/n.txt", "http://[64:ff9b::a9fe:a9fe]/n.txt", "http://[2002:7f00:1::]/n.txt",
                "http://[::ffff:10.0.0.1]/n.txt").map(HostileRequests::quote);
        Arbitrary<String> source = url.map(u -> "{\"url\":" + u + "}");
        if (numbersOnly) {
            return Arbitraries.oneOf(leaf, array, object, source);
        }
        return Arbitraries.oneOf(leaf, array, object, source, nested.list().ofMaxSize(3)
                .map(items -> "[" + String.join(",", items) + "]"));
    }

    /** Long digit runs, fractions, exponents, signs, leading zeros: within the bounds, or also past them. */
    static Arbitrary<String> number(boolean pastBounds) {
        int maxDigits = pastBounds ? MAX_DIGITS : BOUND;
        Arbitrary<String> digits = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(20)),
                Tuple.of(1, Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(maxDigits)));
        Arbitrary<String> integer = digits.map(d -> d.length() > 1 ? d.replaceFirst("^0+(?=.)", "") : d);
        Arbitrary<String> fraction = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(40).injectNull(0.6)
                .map(f -> f == null ? "" : "." + f);
        Arbitrary<String> exponent = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.integers().between(-BOUND + 40, BOUND - 40)),
                Tuple.of(pastBounds ? 1 : 0, Arbitraries.of(-900_000_000, -100_000_000, 8_000_000, 999_999_999,
                        Integer.MIN_VALUE, Integer.MAX_VALUE)))
                .injectNull(0.6).map(e -> e == null ? "" : "e" + e);
        return Combinators.combine(Arbitraries.of("", "-"), integer, fraction, exponent).as(
                (sign, i, f, e) -> sign + (sign.length() + i.length() + f.length() > maxDigits ? "1" : i) + f + e);
    }

    static Arbitrary<String> numericString() {
        return Arbitraries.oneOf(number(true), Arbitraries.of("1.5E+10", "5.", ".5", "+1", "0x10", "1_000", "NaN",
                "Infinity", "-0", "\u0661\u0662", "\uff11", "1e", "--1", " 1 ")).map(HostileRequests::quote);
    }

    static Arbitrary<String> deepNesting() {
        return Arbitraries.integers().between(10, 3000).map(depth -> "{\"values\":" + "[".repeat(depth) + "1"
                + "]".repeat(depth) + "}");
    }

    static Arbitrary<byte[]> invalidUtf8() {
        return Arbitraries.of(new byte[]{'{', '"', 'v', (byte) 0xc3, '"', ':', '1', '}'},
                new byte[]{'{', '"', 'v', 'a', 'l', 'u', 'e', 's', '"', ':', '[', '"', (byte) 0xff, (byte) 0xfe, '"',
                        ']', '}'},
                new byte[]{(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '{', '}'}, new byte[]{(byte) 0xed, (byte) 0xa0,
                        (byte) 0x80});
    }

    static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
