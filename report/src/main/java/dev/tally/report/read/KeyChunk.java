package dev.tally.report.read;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a Parquet footer says about one row group's chunk of a MAP column's key column: where its pages are and how
 * they were written. Numbers are Parquet's own enum values (parquet.thrift).
 *
 * @param elsewhere the pages are in another file (file_path) or encrypted: not readable here
 * @param dictionaryPageOffset 0 when the writer left it unset
 * @param nullCount the statistics' null count, absent when the writer wrote none
 * @param encodingStats the page_encoding_stats list, absent when the writer wrote none
 * @param bounds the statistics' min and max, only when they follow the type's own (bytewise) order
 */
record KeyChunk(
        boolean elsewhere,
        int type,
        int codec,
        long numValues,
        long totalCompressedSize,
        long dataPageOffset,
        long dictionaryPageOffset,
        OptionalLong nullCount,
        Optional<List<PageEncoding>> encodingStats,
        Optional<Bounds> bounds) {
    static final int BYTE_ARRAY = 6;

    static final int UNCOMPRESSED = 0;
    static final int SNAPPY = 1;
    static final int GZIP = 2;

    static final int DATA_PAGE = 0;
    static final int DICTIONARY_PAGE = 2;
    static final int DATA_PAGE_V2 = 3;

    static final int PLAIN = 0;
    static final int PLAIN_DICTIONARY = 2;
    static final int RLE_DICTIONARY = 8;

    KeyChunk {
        requireNonNull(nullCount, "nullCount is null");
        encodingStats = requireNonNull(encodingStats, "encodingStats is null").map(List::copyOf);
        requireNonNull(bounds, "bounds is null");
    }

    /** Every value is null (each map of the row group empty or NULL): no keys, whatever the pages look like. */
    boolean onlyNulls() {
        return nullCount.isPresent() && nullCount.getAsLong() == numValues;
    }

    /**
     * Every data page refers to the dictionary, so the dictionary page holds every key of the chunk. A writer whose
     * dictionary grew too big falls back to PLAIN pages, whose values the dictionary page lacks.
     */
    boolean dictionaryEncodedThroughout() {
        if (encodingStats.isEmpty()) {
            return false;
        }
        long dataPages = 0;
        for (PageEncoding stat : encodingStats.get()) {
            if (stat.pageType() == DATA_PAGE || stat.pageType() == DATA_PAGE_V2) {
                if (stat.encoding() != PLAIN_DICTIONARY && stat.encoding() != RLE_DICTIONARY) {
                    return false;
                }
                dataPages += stat.count();
            }
        }
        return dataPages > 0;
    }

    /** The codecs decompressed here; ZSTD, LZ4 and BROTLI would need native libraries. */
    boolean codecReadable() {
        return codec == UNCOMPRESSED || codec == SNAPPY || codec == GZIP;
    }

    /** Where the chunk's first page starts: its dictionary page when the writer said so. */
    long start() {
        return dictionaryPageOffset > 0 ? Math.min(dictionaryPageOffset, dataPageOffset) : dataPageOffset;
    }

    /** One entry of page_encoding_stats: this many pages of this type were written with this encoding. */
    record PageEncoding(int pageType, int encoding, int count) {}

    /** Statistics' min_value and max_value; exact ones are values of the chunk, the others only bounds. */
    record Bounds(byte[] min, byte[] max, boolean minExact, boolean maxExact) {
        Bounds {
            min = min.clone();
            max = max.clone();
        }

        /** Whether a dictionary could be the chunk's distinct values: all within bounds, exact ones among them. */
        boolean admit(List<byte[]> values) {
            boolean sawMin = !minExact;
            boolean sawMax = !maxExact;
            for (byte[] value : values) {
                if (Arrays.compareUnsigned(value, min) < 0 || Arrays.compareUnsigned(value, max) > 0) {
                    return false;
                }
                sawMin |= Arrays.equals(value, min);
                sawMax |= Arrays.equals(value, max);
            }
            return sawMin && sawMax;
        }
    }
}
