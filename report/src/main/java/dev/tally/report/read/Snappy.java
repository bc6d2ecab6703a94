package dev.tally.report.read;

import java.io.IOException;

/**
 * Snappy's raw block format (what Parquet's SNAPPY codec stores per page), decompression only: a varint length,
 * then literals and back-references. Written here because a dictionary page is a few hundred bytes and a
 * native codec library is not worth its weight for that; every offset and length is checked against both buffers.
 */
final class Snappy {
    private Snappy() {}

    /** The decompressed block, which must be exactly {@code expectedLength} bytes long. */
    static byte[] decompress(byte[] in, int offset, int length, int expectedLength) throws IOException {
        int pos = offset;
        int end = offset + length;
        long declared = 0;
        for (int shift = 0; ; shift += 7) {
            if (pos >= end || shift > 28) {
                throw new IOException("snappy: bad length header");
            }
            int b = in[pos++] & 0xff;
            declared |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        if (declared != expectedLength) {
            throw new IOException("snappy: block of " + declared + " bytes, page says " + expectedLength);
        }
        byte[] out = new byte[expectedLength];
        int written = 0;
        while (pos < end) {
            int tag = in[pos++] & 0xff;
            int kind = tag & 3;
            if (kind == 0) {
                int literal = tag >>> 2;
                if (literal >= 60) {
                    int extra = literal - 59;
                    if (end - pos < extra) {
                        throw new IOException("snappy: truncated literal length");
                    }
                    literal = 0;
                    for (int i = 0; i < extra; i++) {
                        literal |= (in[pos++] & 0xff) << (8 * i);
                    }
                }
                long n = (literal & 0xffffffffL) + 1;
                if (n > end - pos || n > out.length - written) {
                    throw new IOException("snappy: literal overruns a buffer");
                }
                System.arraycopy(in, pos, out, written, (int) n);
                pos += (int) n;
                written += (int) n;
                continue;
            }
            int copyLength;
            int distance;
            if (kind == 1) {
                need(pos, end, 1);
                copyLength = 4 + ((tag >>> 2) & 7);
                distance = ((tag >>> 5) << 8) | (in[pos++] & 0xff);
            } else if (kind == 2) {
                need(pos, end, 2);
                copyLength = 1 + (tag >>> 2);
                distance = (in[pos] & 0xff) | (in[pos + 1] & 0xff) << 8;
                pos += 2;
            } else {
                need(pos, end, 4);
                copyLength = 1 + (tag >>> 2);
                distance = (in[pos] & 0xff)
                        | (in[pos + 1] & 0xff) << 8
                        | (in[pos + 2] & 0xff) << 16
                        | (in[pos + 3] & 0xff) << 24;
                pos += 4;
            }
            if (distance <= 0 || distance > written || copyLength > out.length - written) {
                throw new IOException("snappy: copy outside the output");
            }
            // Byte by byte on purpose: a copy may overlap its own output (distance < length repeats a pattern).
            for (int i = 0; i < copyLength; i++) {
                out[written] = out[written - distance];
                written++;
            }
        }
        if (written != expectedLength) {
            throw new IOException("snappy: " + written + " bytes decompressed, expected " + expectedLength);
        }
        return out;
    }

    private static void need(int pos, int end, int n) throws IOException {
        if (end - pos < n) {
            throw new IOException("snappy: truncated copy");
        }
    }
}
