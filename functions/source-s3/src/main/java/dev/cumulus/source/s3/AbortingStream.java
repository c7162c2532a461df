package dev.cumulus.source.s3;

import java.io.FilterInputStream;
import java.io.IOException;

import software.amazon.awssdk.core.ResponseInputStream;

/**
 * The body of a {@code GetObject}: closed before its end (a range read past, a read the watch stopped), it drops the
 * connection rather than draining the rest of the object, which would hold the caller for the transfer.
 */
final class AbortingStream extends FilterInputStream {

    private final ResponseInputStream<?> response;
    private boolean ended;

    AbortingStream(ResponseInputStream<?> response) {
        super(response);
        this.response = response;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        ended |= b < 0;
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        ended |= n < 0;
        return n;
    }

    @Override
    public void close() throws IOException {
        if (!ended) {
            response.abort();
        }
        super.close();
    }
}
