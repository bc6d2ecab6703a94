package dev.tally.gateway.proxy;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/**
 * Cuts an event stream into whole frames as they arrive, by the 4-byte total length that starts each one, so a
 * frame is forwarded as soon as its last byte is in and never later. The frame's checksums are checked by the
 * event-stream codec that meters it.
 */
final class FrameReader {
    /** Prelude (12) plus message CRC (4). */
    private static final int MIN_FRAME = 16;
    /** The event-stream format's own upper bound on a message. */
    private static final int MAX_FRAME = 16 * 1024 * 1024;

    private final InputStream in;

    FrameReader(InputStream in) {
        this.in = in;
    }

    /** The next whole frame, or null at a clean end of stream. */
    byte @Nullable [] next() throws IOException {
        int b0 = in.read();
        if (b0 < 0) {
            return null;
        }
        byte[] lengthBytes = new byte[4];
        lengthBytes[0] = (byte) b0;
        readFully(lengthBytes, 1, 3);
        int total = ((lengthBytes[0] & 0xff) << 24)
                | ((lengthBytes[1] & 0xff) << 16)
                | ((lengthBytes[2] & 0xff) << 8)
                | (lengthBytes[3] & 0xff);
        if (total < MIN_FRAME || total > MAX_FRAME) {
            throw new IOException("event-stream frame length " + total + " out of range");
        }
        byte[] frame = new byte[total];
        System.arraycopy(lengthBytes, 0, frame, 0, 4);
        readFully(frame, 4, total - 4);
        return frame;
    }

    private void readFully(byte[] buffer, int offset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int n = in.read(buffer, offset + done, length - done);
            if (n < 0) {
                throw new EOFException("event stream ended inside a frame");
            }
            done += n;
        }
    }
}
