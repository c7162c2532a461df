package dev.cumulus.source.s3;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import dev.cumulus.core.error.InvalidInputException;
import dev.cumulus.core.source.SourceGuard;

/**
 * A bucket and a key (or key prefix) parsed from {@code s3://bucket/key}, checked by S3's naming rules so that no
 * request is sent for a name S3 would refuse. The key is the URL's decoded path without its first slash, so a key
 * with spaces or other reserved characters is written percent-encoded.
 */
record S3Location(String bucket, String key) {

    /** S3's limit on a key, in UTF-8 bytes. */
    static final int MAX_KEY_BYTES = 1024;

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    /** Prefixes and suffixes S3 keeps for itself (access points, aliases, directory buckets). */
    private static final List<String> RESERVED_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
    private static final List<String> RESERVED_SUFFIXES = List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3",
            "--table-s3");

    /**
     * @param prefix whether the URL names a prefix of keys (which may be empty: the whole bucket) rather than one object
     */
    static S3Location parse(URI uri, boolean prefix) {
        if (uri.isOpaque() || uri.getRawAuthority() == null) {
            throw invalid("an s3 URL is s3://bucket/key");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid("an s3 URL names a bucket and a key and nothing else (no query, no fragment)");
        }
        String bucket = uri.getRawAuthority();
        checkBucket(bucket);
        String path = uri.getPath() == null ? "" : uri.getPath();
        String key = path.startsWith("/") ? path.substring(1) : path;
        checkKey(key, prefix);
        return new S3Location(bucket, key);
    }

    private static void checkBucket(String bucket) {
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..") || IPV4.matcher(bucket).matches()
                || RESERVED_PREFIXES.stream().anyMatch(bucket::startsWith)
                || RESERVED_SUFFIXES.stream().anyMatch(bucket::endsWith)) {
            throw invalid("names no valid S3 bucket (3 to 63 lower-case letters, digits, dots and hyphens,"
                    + " starting and ending with a letter or digit)");
        }
    }

    private static void checkKey(String key, boolean prefix) {
        if (key.isEmpty() && !prefix) {
            throw invalid("an s3 URL needs a key: s3://bucket/key");
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw invalid("an S3 key is at most " + MAX_KEY_BYTES + " bytes long");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw invalid("an S3 key here has no control characters");
            }
        }
    }

    /** The location as a URL, with the key percent-encoded where it must be. */
    URI uri() {
        try {
            return new URI("s3", bucket, "/" + key, null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("a checked location makes a URL", e);
        }
    }

    /** For messages: the URL as the caller would write it. */
    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }

    private static InvalidInputException invalid(String message) {
        return new InvalidInputException(SourceGuard.FIELD, message);
    }
}
