package dev.cumulus.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Serves the files of one directory over HTTP on loopback with {@code Range} support ({@code HEAD}, {@code 206}),
 * as an object store would, for the fan-out benchmarks. With {@code --straggle <offset>:<millis>} the first
 * request for a range starting at {@code offset} waits that long before it answers: one slow call, as from a
 * cold or overloaded instance; a repeated request for the same range is answered at once.
 *
 * <pre>
 * java -cp benchmarks.jar dev.cumulus.bench.RangeServer &lt;dir&gt; &lt;port&gt; [--straggle offset:millis]
 * </pre>
 */
public final class RangeServer {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");
    private static final int BUFFER = 256 * 1024;

    private final Path dir;
    private final long straggleOffset;
    private final long straggleMillis;
    private final AtomicBoolean straggled = new AtomicBoolean();

    private RangeServer(Path dir, long straggleOffset, long straggleMillis) {
        this.dir = dir;
        this.straggleOffset = straggleOffset;
        this.straggleMillis = straggleMillis;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2 && !(args.length == 4 && args[2].equals("--straggle"))) {
            System.err.println("usage: RangeServer <dir> <port> [--straggle offset:millis]");
            System.exit(2);
        }
        long offset = -1;
        long millis = 0;
        if (args.length == 4) {
            String[] parts = args[3].split(":", 2);
            offset = Long.parseLong(parts[0]);
            millis = Long.parseLong(parts[1]);
        }
        RangeServer files = new RangeServer(Path.of(args[0]).toAbsolutePath().normalize(), offset, millis);
        HttpServer server = HttpServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[1])), 128);
        server.createContext("/", files::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        System.out.printf("serving %s on http://127.0.0.1:%d/%s%n", files.dir, server.getAddress().getPort(),
                offset >= 0 ? " (the first request at offset " + offset + " waits " + millis + " ms)" : "");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream ignored = exchange.getRequestBody()) {
            Path file = dir.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            if (!file.startsWith(dir) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            long size = Files.size(file);
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
            String range = exchange.getRequestHeaders().getFirst("Range");
            Matcher m = range == null ? null : RANGE.matcher(range);
            if (m == null || !m.matches()) {
                exchange.getResponseHeaders().set("Content-Length", Long.toString(size));
                exchange.sendResponseHeaders(200, head ? -1 : size);
                if (!head) {
                    copy(file, 0, size, exchange.getResponseBody());
                }
                return;
            }
            long first = Long.parseLong(m.group(1));
            long last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
            if (first >= size) {
                exchange.getResponseHeaders().set("Content-Range", "bytes */" + size);
                exchange.sendResponseHeaders(416, -1);
                return;
            }
            if (first == straggleOffset && straggled.compareAndSet(false, true)) {
                Thread.sleep(straggleMillis);
            }
            long length = last - first + 1;
            exchange.getResponseHeaders().set("Content-Range", "bytes " + first + "-" + last + "/" + size);
            exchange.sendResponseHeaders(206, head ? -1 : length);
            if (!head) {
                copy(file, first, length, exchange.getResponseBody());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away (a cancelled hedge, a reader that stopped at its last line): nothing to do
        }
    }

    private static void copy(Path file, long position, long length, OutputStream out) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            InputStream in = Channels.newInputStream(channel.position(position));
            byte[] buffer = new byte[BUFFER];
            long left = length;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    break;
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        }
    }
}
