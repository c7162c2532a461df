package dev.cumulus.core.chunk;

/**
 * A byte range of a source object: {@code url}, {@code offset} (default 0) and {@code length} (default: to the end).
 */
public record SourceRange(String url, Long offset, Long length) {
}
