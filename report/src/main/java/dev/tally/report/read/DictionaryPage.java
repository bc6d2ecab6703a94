package dev.tally.report.read;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;

/**
 * Reads one column chunk's dictionary page alone, header then body, without touching the data pages after it:
 * a tag key dictionary is tens of bytes in a chunk of hundreds of kilobytes.
 */
final class DictionaryPage {
    // A header is a few dozen bytes; one read of this much usually brings the whole dictionary page along.
    private static final int FIRST_READ = 4096;
    // Page headers are small even with statistics; one this big is garbage.
    private static final int MAX_HEADER = 1 << 20;
    // Writers cap dictionaries near 1 MB (DuckDB, parquet-mr); a bigger one is no set of tag keys, or is garbage.
    private static final int MAX_UNCOMPRESSED = 64 << 20;

    private DictionaryPage() {}

    /**
     * The values of a chunk's dictionary page, its first page. Fails when that page is not a dictionary page, does
     * not lie within its chunk and before {@code pagesEnd} (the footer), or anything about it does not add up.
     */
    static List<byte[]> read(FileChannel channel, KeyChunk chunk, long pagesEnd) throws IOException {
        long offset = chunk.start();
        long chunkEnd = offset + chunk.totalCompressedSize();
        if (offset < 4 || chunkEnd > pagesEnd || offset >= chunkEnd) {
            throw new IOException("parquet: chunk at " + offset + " lies outside the file's pages");
        }
        long available = chunkEnd - offset;
        // Writers put the first data page right after the dictionary page: its offset is the page's exact end.
        long pageHint = chunk.dataPageOffset() > offset ? chunk.dataPageOffset() - offset : FIRST_READ;
        byte[] bytes =
                ParquetFooter.readFully(channel, offset, (int) Math.min(available, Math.min(pageHint, FIRST_READ)));
        Header header = null;
        while (header == null) {
            try {
                header = Header.parse(bytes);
            } catch (EOFException e) {
                int more = (int) Math.min(available, Math.min((long) bytes.length * 16, MAX_HEADER));
                if (more == bytes.length) {
                    throw e;
                }
                bytes = ParquetFooter.readFully(channel, offset, more);
            }
        }
        if (header.compressedSize() > available - header.length()) {
            throw new IOException("parquet: dictionary page runs past its chunk");
        }
        byte[] body = bytes;
        int bodyOffset = header.length();
        if (header.length() + header.compressedSize() > bytes.length) {
            body = ParquetFooter.readFully(channel, offset + header.length(), header.compressedSize());
            bodyOffset = 0;
        }
        header.checkCrc(body, bodyOffset);
        byte[] plain = decompress(chunk.codec(), body, bodyOffset, header.compressedSize(), header.uncompressedSize());
        return plainByteArrays(plain, header.numValues());
    }

    private record Header(
            int length, int uncompressedSize, int compressedSize, boolean hasCrc, int crc, int numValues) {
        static Header parse(byte[] bytes) throws IOException {
            ThriftCompactReader in = new ThriftCompactReader(bytes, 0, bytes.length);
            in.beginMessage();
            int type = -1;
            int uncompressed = -1;
            int compressed = -1;
            boolean hasCrc = false;
            int crc = 0;
            int numValues = -1;
            int encoding = -1;
            while (in.nextField()) {
                switch (in.fieldId()) {
                    case 1 -> type = in.readI32();
                    case 2 -> uncompressed = in.readI32();
                    case 3 -> compressed = in.readI32();
                    case 4 -> {
                        hasCrc = true;
                        crc = in.readI32();
                    }
                    case 7 -> {
                        in.readStruct();
                        while (in.nextField()) {
                            switch (in.fieldId()) {
                                case 1 -> numValues = in.readI32();
                                case 2 -> encoding = in.readI32();
                                default -> in.skip();
                            }
                        }
                    }
                    default -> in.skip();
                }
            }
            if (type != KeyChunk.DICTIONARY_PAGE) {
                throw new IOException("parquet: page of type " + type + " where a dictionary page was expected");
            }
            if (encoding != KeyChunk.PLAIN && encoding != KeyChunk.PLAIN_DICTIONARY) {
                throw new IOException("parquet: dictionary page encoded " + encoding);
            }
            if (numValues < 0 || compressed < 0 || uncompressed < 0 || uncompressed > MAX_UNCOMPRESSED) {
                throw new IOException("parquet: dictionary page header out of range");
            }
            return new Header(in.position(), uncompressed, compressed, hasCrc, crc, numValues);
        }

        /** The optional CRC-32 covers the page body as stored, compressed. */
        void checkCrc(byte[] body, int offset) throws IOException {
            if (!hasCrc) {
                return;
            }
            CRC32 sum = new CRC32();
            sum.update(body, offset, compressedSize);
            if ((int) sum.getValue() != crc) {
                throw new IOException("parquet: dictionary page CRC mismatch");
            }
        }
    }

    private static byte[] decompress(int codec, byte[] body, int offset, int length, int uncompressed)
            throws IOException {
        return switch (codec) {
            case KeyChunk.UNCOMPRESSED -> {
                if (length != uncompressed) {
                    throw new IOException("parquet: uncompressed page of " + length + " bytes says " + uncompressed);
                }
                yield Arrays.copyOfRange(body, offset, offset + length);
            }
            case KeyChunk.SNAPPY -> Snappy.decompress(body, offset, length, uncompressed);
            case KeyChunk.GZIP -> gunzip(body, offset, length, uncompressed);
            default -> throw new IOException("parquet: codec " + codec + " not supported");
        };
    }

    private static byte[] gunzip(byte[] body, int offset, int length, int uncompressed) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body, offset, length))) {
            byte[] plain = in.readNBytes(uncompressed);
            // Reading on to the end also makes the stream check the gzip trailer's CRC and length.
            if (plain.length != uncompressed || in.read() != -1) {
                throw new IOException("parquet: gzip page is not " + uncompressed + " bytes");
            }
            return plain;
        }
    }

    /** PLAIN BYTE_ARRAY: each value a 4-byte little-endian length and that many bytes, filling the page exactly. */
    private static List<byte[]> plainByteArrays(byte[] page, int count) throws IOException {
        if (count > page.length / 4) {
            throw new IOException("parquet: " + count + " values cannot fit in " + page.length + " bytes");
        }
        List<byte[]> values = new ArrayList<>();
        int pos = 0;
        for (int i = 0; i < count; i++) {
            if (page.length - pos < 4) {
                throw new IOException("parquet: dictionary ends inside a length");
            }
            long length = (page[pos] & 0xffL)
                    | (page[pos + 1] & 0xffL) << 8
                    | (page[pos + 2] & 0xffL) << 16
                    | (page[pos + 3] & 0xffL) << 24;
            pos += 4;
            if (length > page.length - pos) {
                throw new IOException("parquet: dictionary value runs past the page");
            }
            values.add(Arrays.copyOfRange(page, pos, pos + (int) length));
            pos += (int) length;
        }
        if (pos != page.length) {
            throw new IOException("parquet: " + (page.length - pos) + " bytes after the last dictionary value");
        }
        return values;
    }
}
