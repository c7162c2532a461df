package dev.cumulus.core.source;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

import dev.cumulus.core.error.SourceUnavailableException;
import dev.cumulus.core.number.ByteRange;

/**
 * Opens the bytes of a source object that a range needs: HTTP(S) with a {@code Range} request, or a {@code file:}
 * path. The stream starts at {@link ByteRange#readStart()} and is read as it arrives, never buffered whole.
 */
public final class SourceReader {

    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;

    public SourceReader(Duration connectTimeout, Duration readTimeout) {
        this.connectTimeoutMillis = Math.toIntExact(connectTimeout.toMillis());
        this.readTimeoutMillis = Math.toIntExact(readTimeout.toMillis());
    }

    /**
     * @param lastByte last byte needed, inclusive, or -1 for the end of the object
     * @param requestId sent as {@code X-Request-Id} so the source's logs can be matched with ours; may be null
     */
    public InputStream open(URI uri, ByteRange range, long lastByte, String requestId) {
        return "file".equalsIgnoreCase(uri.getScheme())
                ? openFile(uri, range)
                : openHttp(uri, range, lastByte, requestId);
    }

    private InputStream openHttp(URI uri, ByteRange range, long lastByte, String requestId) {
        String shown = redact(uri);
        long from = range.readStart();
        HttpURLConnection c = null;
        try {
            c = (HttpURLConnection) uri.toURL().openConnection();
            // a redirect could lead anywhere, past the address checks; S3 and CDNs answer ranges without one
            c.setInstanceFollowRedirects(false);
            c.setConnectTimeout(connectTimeoutMillis);
            c.setReadTimeout(readTimeoutMillis);
            c.setRequestProperty("Range", "bytes=" + from + "-" + (lastByte < 0 ? "" : Long.toString(lastByte)));
            c.setRequestProperty("Accept-Encoding", "identity");
            if (isHeaderSafe(requestId)) {
                c.setRequestProperty("X-Request-Id", requestId);
            }
            int status = c.getResponseCode();
            if (status == 206) {
                return new ConnectionStream(c, c.getInputStream());
            }
            if (status == 200) {
                // the server ignores ranges: read up to the start and discard it
                InputStream in = c.getInputStream();
                in.skipNBytes(from);
                return new ConnectionStream(c, in);
            }
            if (status == 416) {
                // the range starts past the end of the object, so it owns no line
                c.disconnect();
                return InputStream.nullInputStream();
            }
            c.disconnect();
            throw new SourceUnavailableException("source " + shown + " answered HTTP " + status
                    + (status / 100 == 3 ? " (redirects are not followed)" : ""));
        } catch (SocketTimeoutException e) {
            disconnect(c);
            throw SourceUnavailableException.timedOut("source " + shown + " did not answer in time", e);
        } catch (IOException e) {
            disconnect(c);
            throw new SourceUnavailableException("cannot read source " + shown + ": " + describe(e), e);
        }
    }

    private static InputStream openFile(URI uri, ByteRange range) {
        Path path;
        try {
            path = Path.of(uri);
        } catch (IllegalArgumentException e) {
            throw new SourceUnavailableException("not a local file URL: " + uri);
        }
        try {
            FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
            channel.position(range.readStart());
            return Channels.newInputStream(channel);
        } catch (NoSuchFileException e) {
            throw new SourceUnavailableException("no such file: " + path);
        } catch (IOException e) {
            throw new SourceUnavailableException("cannot read file " + path + ": " + describe(e), e);
        }
    }

    /** Whether an id can go into a header as it is: up to 128 visible ASCII characters. */
    static boolean isHeaderSafe(String id) {
        return id != null && !id.isEmpty() && id.length() <= 128 && id.chars().allMatch(ch -> ch > 32 && ch < 127);
    }

    /** Scheme, host and path only: query strings of pre-signed URLs hold credentials. */
    public static String redact(URI uri) {
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        return uri.getScheme() + "://" + (uri.getHost() == null ? "" : uri.getHost()) + port
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : " (" + m + ")");
    }

    private static void disconnect(HttpURLConnection c) {
        if (c != null) {
            c.disconnect();
        }
    }

    /** Closes the connection with the stream, so a range read only in part does not linger. */
    private static final class ConnectionStream extends InputStream {
        private final HttpURLConnection connection;
        private final InputStream in;

        ConnectionStream(HttpURLConnection connection, InputStream in) {
            this.connection = connection;
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return in.read(b, off, len);
        }

        @Override
        public void close() throws IOException {
            try {
                in.close();
            } finally {
                connection.disconnect();
            }
        }
    }
}
