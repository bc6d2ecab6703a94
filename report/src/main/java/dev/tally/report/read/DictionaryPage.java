package dev.tally.report.read;

import static java.util.Objects.requireNonNull;

import io.airlift.compress.v3.Decompressor;
import io.airlift.compress.v3.lz4.Lz4JavaDecompressor;
import io.airlift.compress.v3.snappy.SnappyJavaDecompressor;
import io.airlift.compress.v3.zstd.ZstdJavaDecompressor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.format.DictionaryPageHeader;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.PageType;
import org.apache.parquet.format.Util;

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
            } catch (IOException e) {
                // Thrift does not say apart a header cut short by the first read from garbage: read more, up to
                // the chunk's end or MAX_HEADER, and decide then.
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
        byte[] plain = decompress(
                chunk.codec().orElseThrow(), body, bodyOffset, header.compressedSize(), header.uncompressedSize());
        return plainByteArrays(plain, header.numValues());
    }

    /** The page header as Parquet's Thrift structures decode it, and how many bytes it took. */
    private record Header(int length, PageHeader page) {
        static Header parse(byte[] bytes) throws IOException {
            ByteArrayInputStream in = new ByteArrayInputStream(bytes);
            PageHeader page;
            try {
                page = Util.readPageHeader(in);
            } catch (RuntimeException e) {
                throw new IOException("parquet: page header does not decode", e);
            }
            DictionaryPageHeader dictionary = page.getDictionary_page_header();
            if (page.getType() != PageType.DICTIONARY_PAGE || dictionary == null) {
                throw new IOException(
                        "parquet: page of type " + page.getType() + " where a dictionary page was expected");
            }
            Encoding encoding = dictionary.getEncoding();
            if (encoding != Encoding.PLAIN && encoding != Encoding.PLAIN_DICTIONARY) {
                throw new IOException("parquet: dictionary page encoded " + encoding);
            }
            if (dictionary.getNum_values() < 0
                    || page.getCompressed_page_size() < 0
                    || page.getUncompressed_page_size() < 0
                    || page.getUncompressed_page_size() > MAX_UNCOMPRESSED) {
                throw new IOException("parquet: dictionary page header out of range");
            }
            return new Header(bytes.length - in.available(), page);
        }

        int compressedSize() {
            return page.getCompressed_page_size();
        }

        int uncompressedSize() {
            return page.getUncompressed_page_size();
        }

        int numValues() {
            // parse refused a page without a dictionary page header.
            return requireNonNull(page.getDictionary_page_header()).getNum_values();
        }

        /** The optional CRC-32 covers the page body as stored, compressed. */
        void checkCrc(byte[] body, int offset) throws IOException {
            if (!page.isSetCrc()) {
                return;
            }
            CRC32 sum = new CRC32();
            sum.update(body, offset, compressedSize());
            if ((int) sum.getValue() != page.getCrc()) {
                throw new IOException("parquet: dictionary page CRC mismatch");
            }
        }
    }

    private static byte[] decompress(CompressionCodec codec, byte[] body, int offset, int length, int uncompressed)
            throws IOException {
        return switch (codec) {
            case UNCOMPRESSED -> {
                if (length != uncompressed) {
                    throw new IOException("parquet: uncompressed page of " + length + " bytes says " + uncompressed);
                }
                yield Arrays.copyOfRange(body, offset, offset + length);
            }
            case GZIP -> gunzip(body, offset, length, uncompressed);
            case SNAPPY -> decompress(new SnappyJavaDecompressor(), body, offset, length, uncompressed);
            case ZSTD -> decompress(new ZstdJavaDecompressor(), body, offset, length, uncompressed);
            case LZ4_RAW -> decompress(new Lz4JavaDecompressor(), body, offset, length, uncompressed);
            default -> throw new IOException("parquet: codec " + codec + " not supported");
        };
    }

    /**
     * The pure-Java decompressors, not aircompressor's {@code create()}: that picks a native library, which it first
     * copies out of its jar, for pages of a few hundred bytes.
     */
    private static byte[] decompress(Decompressor codec, byte[] body, int offset, int length, int uncompressed)
            throws IOException {
        byte[] plain = new byte[uncompressed];
        int written;
        try {
            written = codec.decompress(body, offset, length, plain, 0, uncompressed);
        } catch (RuntimeException e) {
            // MalformedInputException, or an index out of bounds on bytes the codec did not expect.
            throw new IOException("parquet: page does not decompress", e);
        }
        if (written != uncompressed) {
            throw new IOException("parquet: page decompressed to " + written + " bytes, header says " + uncompressed);
        }
        return plain;
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
