package dev.cumulus.core.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on loopback that serves objects with {@code Range} support ({@code 206}, {@code 416},
 * {@code HEAD}), as S3 or a CDN would, plus ways to misbehave: ignore ranges, answer an error status, hang, trickle
 * bytes forever, or promise more bytes than it sends. It notes the paths whose client closed the connection while
 * they were still sending. Tests read through it instead of mocking the reader.
 */
public final class RangeFileServer implements AutoCloseable {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

    private final HttpServer server;
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    private final Map<String, Boolean> ignoringRanges = new ConcurrentHashMap<>();
    private final Map<String, Boolean> hanging = new ConcurrentHashMap<>();
    private final Map<String, Trickle> trickling = new ConcurrentHashMap<>();
    private final Map<String, Long> claimedSizes = new ConcurrentHashMap<>();
    private final List<String> closedByClient = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    private RangeFileServer(HttpServer server) {
        this.server = server;
    }

    /** Starts on a free loopback port. */
    public static RangeFileServer start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        RangeFileServer s = new RangeFileServer(server);
        server.createContext("/", s::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        return s;
    }

    public RangeFileServer put(String path, byte[] content) {
        objects.put(path, content);
        return this;
    }

    /** Every request to {@code path} gets this status and an empty body. */
    public RangeFileServer failWith(String path, int status) {
        statuses.put(path, status);
        return this;
    }

    /** Answers {@code 200} with the whole object whatever the {@code Range} header says. */
    public RangeFileServer ignoreRanges(String path) {
        ignoringRanges.put(path, true);
        return this;
    }

    /** Sends the headers and then nothing, until the server closes. */
    public RangeFileServer hang(String path) {
        hanging.put(path, true);
        return this;
    }

    /**
     * Answers {@code 200} announcing a body of 10^12 bytes, then sends {@code chunk} every {@code everyMillis}
     * milliseconds until the client closes the connection (noted in {@link #closedByClient()}).
     */
    public RangeFileServer trickle(String path, byte[] chunk, long everyMillis) {
        trickling.put(path, new Trickle(chunk, everyMillis));
        return this;
    }

    /**
     * Announces an object of {@code claimedSize} bytes (in {@code Content-Length} and {@code Content-Range}), sends
     * the bytes it has, then closes the connection.
     */
    public RangeFileServer claimSize(String path, long claimedSize) {
        claimedSizes.put(path, claimedSize);
        return this;
    }

    /** The paths whose client closed the connection while the server was still sending, in order. */
    public List<String> closedByClient() {
        return List.copyOf(closedByClient);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code METHOD path range} of every request so far. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String range = exchange.getRequestHeaders().getFirst("Range");
        requests.add(exchange.getRequestMethod() + " " + path + " " + range);
        try (exchange) {
            Trickle trickle = trickling.get(path);
            if (trickle != null) {
                trickle(exchange, path, trickle);
                return;
            }
            Integer status = statuses.get(path);
            byte[] body = objects.get(path);
            if (status != null || body == null) {
                exchange.sendResponseHeaders(status != null ? status : 404, -1);
                return;
            }
            exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            Long claimed = claimedSizes.get(path);
            if (claimed != null) {
                lie(exchange, range, body, claimed);
                return;
            }
            if (hanging.containsKey(path)) {
                exchange.sendResponseHeaders(200, body.length);
                closed.await(60, TimeUnit.SECONDS);
                return;
            }
            Matcher m = range == null || ignoringRanges.containsKey(path) ? null : RANGE.matcher(range);
            if (m == null || !m.matches()) {
                send(exchange, 200, body, 0, body.length, head);
                return;
            }
            long from = Long.parseLong(m.group(1));
            long to = m.group(2).isEmpty() ? body.length - 1 : Math.min(Long.parseLong(m.group(2)), body.length - 1);
            if (from >= body.length) {
                exchange.getResponseHeaders().set("Content-Range", "bytes */" + body.length);
                exchange.sendResponseHeaders(416, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + to + "/" + body.length);
            send(exchange, 206, body, (int) from, (int) (to - from + 1), head);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Trickle(byte[] chunk, long everyMillis) {
    }

    private void trickle(HttpExchange exchange, String path, Trickle trickle) throws InterruptedException {
        try {
            exchange.sendResponseHeaders(200, 1_000_000_000_000L);
            OutputStream out = exchange.getResponseBody();
            while (closed.getCount() > 0) {
                out.write(trickle.chunk());
                out.flush();
                closed.await(trickle.everyMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (IOException e) {
            closedByClient.add(path);
        }
    }

    private static void lie(HttpExchange exchange, String range, byte[] body, long claimed) throws IOException {
        Matcher m = range == null ? null : RANGE.matcher(range);
        long from = 0;
        long to = claimed - 1;
        int status = 200;
        if (m != null && m.matches()) {
            from = Long.parseLong(m.group(1));
            to = m.group(2).isEmpty() ? claimed - 1 : Math.min(Long.parseLong(m.group(2)), claimed - 1);
            status = 206;
            exchange.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + to + "/" + claimed);
        }
        exchange.sendResponseHeaders(status, to - from + 1);
        int start = (int) Math.min(from, body.length);
        exchange.getResponseBody().write(body, start, body.length - start);
        exchange.getResponseBody().flush();
        // closing now leaves the promise unkept: the server drops the connection
    }

    private static void send(HttpExchange exchange, int status, byte[] body, int from, int length, boolean head)
            throws IOException {
        if (head) {
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
        OutputStream out = exchange.getResponseBody();
        for (int i = 0; i < length; i += 65536) {
            out.write(body, from + i, Math.min(65536, length - i));
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
    }
}
