package dev.cumulus.core.source;

import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.cumulus.core.error.SourceUnavailableException;

/**
 * Judges a source's answer to a ranged {@code GET}: it must be the range asked for, as far as the object reaches, and
 * say how many bytes will follow, so that a body cut short is noticed.
 */
final class RangeAnswer {

    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d{1,18})-(\\d{1,18})/(\\d{1,18}|\\*)");

    private RangeAnswer() {
    }

    /**
     * The number of body bytes the answer promises: 0 when the range starts past the end of the object, -1 when the
     * answer does not say (a whole object sent in chunks).
     *
     * @param from first byte asked for
     * @param lastByte last byte asked for, or -1 for the end of the object
     */
    static long expectedBytes(HttpResponse<?> response, long from, long lastByte, String shown) {
        int status = response.statusCode();
        HttpHeaders headers = response.headers();
        return expectedBytes(status, headers.firstValue("Content-Range").orElse(null),
                headers.firstValueAsLong("Content-Length"), from, lastByte, shown);
    }

    static long expectedBytes(int status, String contentRange, OptionalLong contentLength, long from, long lastByte,
            String shown) {
        if (status == 416) {
            return 0; // the range starts past the end of the object, so it owns no line
        }
        if (status == 200) {
            if (from > 0) {
                throw new SourceUnavailableException("source " + shown + " ignored the Range header (it answered"
                        + " HTTP 200 with the whole object); a range at an offset needs a server that serves ranges");
            }
            return contentLength.orElse(-1);
        }
        if (status != 206) {
            throw new SourceUnavailableException("source " + shown + " answered HTTP " + status
                    + (status / 100 == 3 ? " (redirects are not followed)" : ""));
        }
        Matcher m = contentRange == null ? null : CONTENT_RANGE.matcher(contentRange.trim());
        if (m == null || !m.matches()) {
            throw new SourceUnavailableException(
                    "source " + shown + " answered HTTP 206 without a valid Content-Range");
        }
        long first = Long.parseLong(m.group(1));
        long last = Long.parseLong(m.group(2));
        long total = "*".equals(m.group(3)) ? -1 : Long.parseLong(m.group(3));
        long wantedLast = lastByte < 0 ? Long.MAX_VALUE : lastByte;
        if (total >= 0) {
            wantedLast = Math.min(wantedLast, total - 1);
        }
        if (first != from || last < first || (total >= 0 && last >= total)
                || (wantedLast != Long.MAX_VALUE && last < wantedLast)) {
            throw new SourceUnavailableException("source " + shown + " answered bytes " + first + "-" + last + "/"
                    + m.group(3) + ", not the range " + from + "-" + (lastByte < 0 ? "" : lastByte) + " asked for");
        }
        long expected = last - first + 1;
        if (contentLength.isPresent() && contentLength.getAsLong() != expected) {
            throw new SourceUnavailableException("source " + shown + " answered bytes " + first + "-" + last
                    + " with a Content-Length of " + contentLength.getAsLong());
        }
        return expected;
    }
}
