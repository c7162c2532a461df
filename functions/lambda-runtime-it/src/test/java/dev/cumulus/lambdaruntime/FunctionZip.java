package dev.cumulus.lambdaruntime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** A function's deployment package, unpacked as Lambda unpacks it into {@code /var/task}. */
final class FunctionZip {

    private FunctionZip() {
    }

    /** The function.zip that {@code -Plambda} packages for the function module {@code name}. */
    static Path of(String name) {
        Path zip = Path.of(System.getProperty("functions.dir", "..")).resolve(name).resolve("target/function.zip")
                .toAbsolutePath().normalize();
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException(zip + " is missing: package the function with -Plambda first");
        }
        return zip;
    }

    /** Unpacks {@code zip} into a fresh {@code dir} (emptied first) and returns the number of files. */
    static int unpack(Path zip, Path dir) throws IOException {
        deleteTree(dir);
        Files.createDirectories(dir);
        int files = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path target = dir.resolve(entry.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException("entry outside the package: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    files++;
                }
            }
        }
        return files;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
