package dev.cumulus.aggregate.plan;

import java.net.URI;
import java.util.List;

/**
 * Lists the objects under a prefix of an object store ({@code s3://bucket/prefix/}), page after page, with their
 * sizes, so a job over a prefix is planned from one listing.
 */
public interface ObjectLister {

    /** One object found under a prefix: the URL that reads it, and its size in bytes. */
    record Listed(String url, long size) {
    }

    /** Whether {@code uri} names a prefix this lister lists, rather than one object. */
    boolean isPrefix(URI uri);

    /**
     * Checks a prefix before anything is listed, as the source guard checks an object's URL (an allowed bucket).
     *
     * @throws dev.cumulus.core.error.InvalidInputException naming {@code source.url} when it may not be read
     */
    URI check(URI prefix);

    /**
     * Every object under {@code prefix}, in key order.
     *
     * @param max the most objects a job may have; a listing with more is refused before it is all read
     * @throws dev.cumulus.core.error.PayloadTooLargeException when there are more than {@code max}
     */
    List<Listed> list(URI prefix, int max, String requestId);

    /** A lister for platforms without an object store: nothing is a prefix. */
    ObjectLister NONE = new ObjectLister() {
        @Override
        public boolean isPrefix(URI uri) {
            return false;
        }

        @Override
        public URI check(URI prefix) {
            throw new IllegalStateException("no object store to list " + prefix);
        }

        @Override
        public List<Listed> list(URI prefix, int max, String requestId) {
            throw new IllegalStateException("no object store to list " + prefix);
        }
    };
}
