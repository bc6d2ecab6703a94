package dev.tally.gateway;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** Reading a body of a declared length whole: a request's, and a non-streaming answer's from upstream. */
public final class Bodies {
    private Bodies() {}

    /**
     * The body's {@code declared} bytes in one array of that length, and then its end read. Reading to an unknown end
     * instead takes 16 KiB chunks and a copy, most of a small body's allocation; seeing the end is what returns an
     * upstream connection to its pool.
     *
     * @throws EOFException the body ended before its declared length, or went on after it
     */
    public static byte[] readDeclared(InputStream in, int declared) throws IOException {
        byte[] bytes = in.readNBytes(declared);
        if (bytes.length < declared || in.read() >= 0) {
            throw new EOFException("a body of " + declared + " bytes ended at " + bytes.length);
        }
        return bytes;
    }
}
