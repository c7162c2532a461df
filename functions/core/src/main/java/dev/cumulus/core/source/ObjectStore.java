package dev.cumulus.core.source;

import java.io.InputStream;
import java.net.URI;
import java.util.List;

/**
 * An object store that serves source URLs of one scheme other than {@code http}, {@code https} and {@code file} (for
 * example {@code s3://bucket/key}). A module that knows the store's client provides an implementation as a CDI bean;
 * {@link SourceGuard} asks it to check a URL of its scheme, {@link SourceReader} to open a range, and the planner to
 * size or list objects. The reader watches every read it opens (deadline, idle wait, minimum rate, caller gone) and
 * checks that the body is as long as the store says, so a store only has to speak to its service.
 *
 * <p>
 * Every method throws {@link dev.cumulus.core.error.InvalidInputException} on field {@value SourceGuard#FIELD} for a
 * URL the store refuses, and {@link dev.cumulus.core.error.SourceUnavailableException} when the service cannot be
 * read (a missing object, access denied, unreachable, timed out); messages name the object, never a credential.
 */
public interface ObjectStore {

    /** The URL scheme served, in lower case: {@code s3}. */
    String scheme();

    /**
     * Checks a URL of this store's scheme before any request is sent: its form, and that it names a place the store
     * may read (an allowed bucket). Returns the URL to read.
     *
     * @param prefix whether the URL names a prefix of objects ({@link #list}) rather than one object
     */
    URI check(URI uri, boolean prefix);

    /**
     * Opens bytes {@code from} to {@code lastByte} of an object checked by {@link #check}, read as they arrive and
     * never buffered whole. Blocks until the store answers; the reader runs it where its watch can give up on it.
     *
     * @param lastByte last byte wanted, inclusive, or -1 for the end of the object
     */
    Body open(URI uri, long from, long lastByte);

    /** The size in bytes of an object checked by {@link #check}. */
    long size(URI uri);

    /**
     * The objects whose keys start with a prefix checked by {@link #check} (with {@code prefix} true), in key order,
     * all pages of them.
     *
     * @param max how many objects the caller accepts; the store may bound it lower by its own configuration
     * @throws dev.cumulus.core.error.PayloadTooLargeException when the prefix holds more objects than that
     */
    List<Entry> list(URI prefix, int max);

    /**
     * The answer to {@link #open}.
     *
     * @param stream the bytes; closing it releases the connection (and abandons what is not read yet)
     * @param contentRange the range the store says it sends, as in an HTTP {@code Content-Range} header
     *        ({@code bytes 0-99/1000}), or {@code null} when it sends the whole object
     * @param contentLength the number of bytes the store says follow, or -1 when it does not say
     * @param pastEnd the range starts at or past the end of the object: no bytes (HTTP 416)
     */
    record Body(InputStream stream, String contentRange, long contentLength, boolean pastEnd) {

        /** The answer for a range that starts at or past the end of the object. */
        public static Body beyondEnd() {
            return new Body(InputStream.nullInputStream(), null, 0, true);
        }
    }

    /**
     * One object found by {@link #list}.
     *
     * @param uri the object's URL, in this store's scheme
     * @param size its size in bytes
     */
    record Entry(URI uri, long size) {
    }
}
