package dev.cumulus.aggregate.plan;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.cumulus.core.error.SourceUnavailableException;
import dev.cumulus.core.source.ObjectStore;
import dev.cumulus.core.source.ObjectStores;
import dev.cumulus.core.source.SourceReader;

/**
 * Learns the size of a source object: {@code HEAD} and its {@code Content-Length}; when {@code HEAD} is refused (a
 * pre-signed URL signed for {@code GET} only, a server without it), a {@code GET} of the first byte and the total in
 * its {@code Content-Range}. A {@code file:} source is asked of the file system, and a source of another scheme
 * ({@code s3:}) of its {@link ObjectStore}.
 */
public final class SourceSizer {

    private static final Pattern TOTAL = Pattern.compile("bytes (?:\\d+-\\d+|\\*)/(\\d+)");

    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final ObjectStores stores;

    public SourceSizer(Duration connectTimeout, Duration readTimeout) {
        this(connectTimeout, readTimeout, ObjectStores.NONE);
    }

    /** @param stores the object stores that size the sources of their schemes */
    public SourceSizer(Duration connectTimeout, Duration readTimeout, ObjectStores stores) {
        this.stores = stores;
        this.connectTimeoutMillis = Math.toIntExact(connectTimeout.toMillis());
        this.readTimeoutMillis = Math.toIntExact(readTimeout.toMillis());
    }

    /** @param uri a URL the source guard has passed */
    public long size(URI uri, String requestId) {
        if ("file".equalsIgnoreCase(uri.getScheme())) {
            return fileSize(uri);
        }
        ObjectStore store = stores.find(uri.getScheme()).orElse(null);
        if (store != null) {
            return store.size(uri);
        }
        String shown = SourceReader.redact(uri);
        try {
            Answer head = request(uri, "HEAD", requestId);
            if (head.status == 200 && head.length >= 0) {
                return head.length;
            }
            Answer first = request(uri, "GET", requestId);
            if (first.total >= 0 && (first.status == 206 || first.status == 416)) {
                return first.total;
            }
            if (first.status == 200 && first.length >= 0) {
                return first.length; // the server ignores ranges
            }
            throw new SourceUnavailableException("source " + shown + " answered HTTP " + first.status
                    + (first.status / 100 == 2 ? " without telling its size" : "")
                    + (first.status / 100 == 3 ? " (redirects are not followed)" : ""));
        } catch (SocketTimeoutException e) {
            throw SourceUnavailableException.timedOut("source " + shown + " did not answer in time", e);
        } catch (IOException e) {
            throw new SourceUnavailableException("cannot reach source " + shown + ": " + e.getClass().getSimpleName(),
                    e);
        }
    }

    private record Answer(int status, long length, long total) {
    }

    private Answer request(URI uri, String method, String requestId) throws IOException {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        try {
            c.setRequestMethod(method);
            c.setInstanceFollowRedirects(false);
            c.setConnectTimeout(connectTimeoutMillis);
            c.setReadTimeout(readTimeoutMillis);
            c.setRequestProperty("Accept-Encoding", "identity");
            if ("GET".equals(method)) {
                c.setRequestProperty("Range", "bytes=0-0");
            }
            if (requestId != null) {
                c.setRequestProperty("X-Request-Id", requestId);
            }
            int status = c.getResponseCode();
            String range = c.getHeaderField("Content-Range");
            Matcher m = range == null ? null : TOTAL.matcher(range.trim());
            long total = m != null && m.matches() ? Long.parseLong(m.group(1)) : -1;
            return new Answer(status, c.getContentLengthLong(), total);
        } finally {
            // the body (at most one byte) is not needed; dropping the connection is cheaper than reading it
            c.disconnect();
        }
    }

    private static long fileSize(URI uri) {
        Path path = Path.of(uri);
        try {
            return Files.size(path);
        } catch (NoSuchFileException e) {
            throw new SourceUnavailableException("no such file: " + path);
        } catch (IOException e) {
            throw new SourceUnavailableException("cannot read file " + path + ": " + e.getClass().getSimpleName(), e);
        }
    }
}
