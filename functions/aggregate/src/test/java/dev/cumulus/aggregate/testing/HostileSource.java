package dev.cumulus.aggregate.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A source server on loopback as an attacker would run it, or as the victim of an amplification would see it: it
 * serves objects with {@code Range} support, or claims a size in {@code HEAD} and then fails every {@code GET}, and it
 * records every request it receives.
 */
public final class HostileSource implements AutoCloseable {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

    private record Served(byte[] content, long claimedSize, int getStatus) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, Served> objects = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private HostileSource(HttpServer server) {
        this.server = server;
    }

    public static HostileSource start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        HostileSource source = new HostileSource(server);
        server.createContext("/", source::handle);
        server.setExecutor(source.threads);
        server.start();
        return source;
    }

    /** An honest object. */
    public HostileSource serve(String path, byte[] content) {
        objects.put(path, new Served(content, content.length, 206));
        return this;
    }

    /** {@code HEAD} claims {@code size} bytes; every {@code GET} answers {@code status}. */
    public HostileSource claimAndFail(String path, long size, int status) {
        objects.put(path, new Served(new byte[0], size, status));
        return this;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** {@code METHOD path} of every request so far. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    public long count(String method, String path) {
        return requests.stream().filter((method + " " + path)::equals).count();
    }

    public void reset() {
        requests.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.add(exchange.getRequestMethod() + " " + path);
        try (exchange) {
            Served o = objects.get(path);
            if (o == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if ("HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Content-Length", Long.toString(o.claimedSize()));
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            if (o.getStatus() != 206) {
                exchange.sendResponseHeaders(o.getStatus(), -1);
                return;
            }
            byte[] body = o.content();
            String range = exchange.getRequestHeaders().getFirst("Range");
            Matcher m = range == null ? null : RANGE.matcher(range);
            if (m == null || !m.matches()) {
                exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            int from = (int) Math.min(Long.parseLong(m.group(1)), body.length);
            int to = m.group(2).isEmpty()
                    ? body.length - 1
                    : (int) Math.min(Long.parseLong(m.group(2)), body.length - 1);
            if (from >= body.length) {
                exchange.getResponseHeaders().set("Content-Range", "bytes */" + body.length);
                exchange.sendResponseHeaders(416, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + to + "/" + body.length);
            exchange.sendResponseHeaders(206, to - from + 1);
            exchange.getResponseBody().write(body, from, to - from + 1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
