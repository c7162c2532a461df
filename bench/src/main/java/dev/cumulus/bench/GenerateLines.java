package dev.cumulus.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file of random integer lines for {@code kernel-throughput.sh}:
 * {@code GenerateLines <file> <lines> [values|lengths] [seed]} (see {@link LineGenerator.Shape}). The file appears
 * under its name only when complete, so an interrupted run never leaves a short file that a later run would take for
 * a finished one.
 */
public final class GenerateLines {

    private static final int BLOCK = 1 << 20;
    private static final long PROGRESS_EVERY = 5_000_000;

    private GenerateLines() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: GenerateLines <file> <lines> [values|lengths] [seed]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        long lines = Long.parseLong(args[1]);
        LineGenerator.Shape shape = args.length > 2 ? LineGenerator.Shape.of(args[2]) : LineGenerator.Shape.VALUES;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 42;
        Path partial = file.resolveSibling(file.getFileName() + ".partial");

        LineGenerator generator = new LineGenerator(seed, shape, 0);
        byte[] block = new byte[BLOCK];
        int used = 0;
        try (OutputStream out = Files.newOutputStream(partial)) {
            for (long n = 1; n <= lines; n++) {
                if (used > BLOCK - LineGenerator.maxLineBytes()) {
                    out.write(block, 0, used);
                    used = 0;
                }
                used = generator.next(block, used);
                if (n % PROGRESS_EVERY == 0 || n == lines) {
                    System.err.printf("  generated %,d of %,d lines%n", n, lines);
                }
            }
            out.write(block, 0, used);
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
