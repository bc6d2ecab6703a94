package dev.tally.report.read;

import static java.util.Objects.requireNonNull;
import static java.util.Objects.requireNonNullElseGet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.PageEncodingStats;
import org.apache.parquet.format.PageType;
import org.apache.parquet.format.Statistics;
import org.apache.parquet.format.Type;

/**
 * What a Parquet footer says about one row group's chunk of a MAP column's key column: where its pages are and how
 * they were written, in Parquet's own enums (parquet-format-structures).
 *
 * @param elsewhere the pages are in another file (file_path) or encrypted: not readable here
 * @param type the physical type; absent when the writer used one this library does not know
 * @param codec the codec; absent when unknown to this library
 * @param dictionaryPageOffset 0 when the writer left it unset
 * @param nullCount the statistics' null count, absent when the writer wrote none
 * @param encodingStats the page_encoding_stats list, absent when the writer wrote none
 * @param bounds the statistics' min and max, only when they follow the type's own (bytewise) order
 */
record KeyChunk(
        boolean elsewhere,
        Optional<Type> type,
        Optional<CompressionCodec> codec,
        long numValues,
        long totalCompressedSize,
        long dataPageOffset,
        long dictionaryPageOffset,
        OptionalLong nullCount,
        Optional<List<PageEncoding>> encodingStats,
        Optional<Bounds> bounds) {
    /** What {@link DictionaryPage} decompresses: the JDK's gzip and aircompressor's pure-Java codecs. */
    static final Set<CompressionCodec> READABLE_CODECS = EnumSet.of(
            CompressionCodec.UNCOMPRESSED,
            CompressionCodec.SNAPPY,
            CompressionCodec.GZIP,
            CompressionCodec.ZSTD,
            CompressionCodec.LZ4_RAW);

    KeyChunk {
        requireNonNull(type, "type is null");
        requireNonNull(codec, "codec is null");
        requireNonNull(nullCount, "nullCount is null");
        encodingStats = requireNonNull(encodingStats, "encodingStats is null").map(List::copyOf);
        requireNonNull(bounds, "bounds is null");
    }

    /**
     * The chunk as the footer describes it; {@code typeDefinedOrder} says whether column_orders lets the statistics'
     * min_value and max_value be read as bytewise bounds.
     */
    static KeyChunk of(ColumnChunk chunk, boolean typeDefinedOrder) {
        // The footer refuses a chunk without metadata before it gets here.
        ColumnMetaData meta = requireNonNull(chunk.getMeta_data(), "chunk has no metadata");
        boolean elsewhere =
                chunk.isSetFile_path() || chunk.isSetCrypto_metadata() || chunk.isSetEncrypted_column_metadata();
        Statistics statistics = requireNonNullElseGet(meta.getStatistics(), Statistics::new);
        Optional<List<PageEncoding>> encodingStats = Optional.empty();
        List<PageEncodingStats> setStats = meta.getEncoding_stats();
        if (setStats != null) {
            List<PageEncoding> stats = new ArrayList<>();
            for (PageEncodingStats stat : setStats) {
                stats.add(new PageEncoding(
                        Optional.ofNullable(stat.getPage_type()),
                        Optional.ofNullable(stat.getEncoding()),
                        stat.getCount()));
            }
            encodingStats = Optional.of(stats);
        }
        Optional<Bounds> bounds = typeDefinedOrder && statistics.isSetMin_value() && statistics.isSetMax_value()
                ? Optional.of(new Bounds(
                        statistics.getMin_value(),
                        statistics.getMax_value(),
                        statistics.isIs_min_value_exact(),
                        statistics.isIs_max_value_exact()))
                : Optional.empty();
        return new KeyChunk(
                elsewhere,
                Optional.ofNullable(meta.getType()),
                Optional.ofNullable(meta.getCodec()),
                meta.getNum_values(),
                meta.getTotal_compressed_size(),
                meta.getData_page_offset(),
                meta.isSetDictionary_page_offset() ? meta.getDictionary_page_offset() : 0,
                statistics.isSetNull_count() ? OptionalLong.of(statistics.getNull_count()) : OptionalLong.empty(),
                encodingStats,
                bounds);
    }

    /** Every value is null (each map of the row group empty or NULL): no keys, whatever the pages look like. */
    boolean onlyNulls() {
        return nullCount.isPresent() && nullCount.getAsLong() == numValues;
    }

    /** Keys are strings: Parquet stores them as BYTE_ARRAY. */
    boolean byteArrays() {
        return type.equals(Optional.of(Type.BYTE_ARRAY));
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
            if (stat.dataPage()) {
                if (!stat.dictionaryIndices()) {
                    return false;
                }
                dataPages += stat.count();
            }
        }
        return dataPages > 0;
    }

    /** Whether the dictionary page can be decompressed here; Hadoop-framed LZ4, LZO and Brotli cannot. */
    boolean codecReadable() {
        return codec.isPresent() && READABLE_CODECS.contains(codec.get());
    }

    /** Where the chunk's first page starts: its dictionary page when the writer said so. */
    long start() {
        return dictionaryPageOffset > 0 ? Math.min(dictionaryPageOffset, dataPageOffset) : dataPageOffset;
    }

    /**
     * One entry of page_encoding_stats: this many pages of this type were written with this encoding (either absent
     * when unknown to this library).
     */
    record PageEncoding(Optional<PageType> pageType, Optional<Encoding> encoding, int count) {
        PageEncoding {
            requireNonNull(pageType, "pageType is null");
            requireNonNull(encoding, "encoding is null");
        }

        static PageEncoding of(PageType pageType, Encoding encoding, int count) {
            return new PageEncoding(Optional.of(pageType), Optional.of(encoding), count);
        }

        /** A data page of either version; an unknown page type counts as one, to stay on the safe side. */
        boolean dataPage() {
            return pageType.isEmpty()
                    || pageType.get() == PageType.DATA_PAGE
                    || pageType.get() == PageType.DATA_PAGE_V2;
        }

        boolean dictionaryIndices() {
            return encoding.isPresent()
                    && (encoding.get() == Encoding.PLAIN_DICTIONARY || encoding.get() == Encoding.RLE_DICTIONARY);
        }
    }

    /**
     * Statistics' min_value and max_value; exact ones are values of the chunk, the others only bounds. The bytes
     * are Parquet's, copied in and compared only as bytes by the reader, never by the record's equals.
     */
    record Bounds(
            @SuppressWarnings("ArrayRecordComponent") byte[] min,
            @SuppressWarnings("ArrayRecordComponent") byte[] max,
            boolean minExact,
            boolean maxExact) {
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
