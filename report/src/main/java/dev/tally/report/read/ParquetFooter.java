package dev.tally.report.read;

import static dev.tally.report.read.ThriftCompactReader.BINARY;
import static dev.tally.report.read.ThriftCompactReader.STRUCT;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The part of a Parquet footer (FileMetaData) that locates each MAP column's key chunks. Parsed here rather than
 * queried from DuckDB's parquet_metadata(), which builds a 34-column row for every chunk of every column: about
 * 110 ms for the 163 row groups x 93 columns of a 20M-row CUR, more than the per-row key scan this serves saves.
 */
final class ParquetFooter {
    private static final int MAGIC = 0x31524150; // "PAR1" read little-endian
    private static final int CONVERTED_MAP = 1;
    private static final int CONVERTED_MAP_KEY_VALUE = 2;
    private static final int REPEATED = 2;
    private static final int LOGICAL_MAP = 2;
    // Real schemas nest a few levels and real footers are megabytes; beyond these the bytes are garbage.
    private static final int MAX_SCHEMA_DEPTH = 64;
    private static final long MAX_FOOTER = 256L << 20;

    private final Map<String, List<KeyChunk>> keyChunks;
    private final long pagesEnd;

    private ParquetFooter(Map<String, List<KeyChunk>> keyChunks, long pagesEnd) {
        this.keyChunks = keyChunks;
        this.pagesEnd = pagesEnd;
    }

    static ParquetFooter read(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size < 12) {
            throw new EOFException("parquet: " + size + " bytes is too short");
        }
        ByteBuffer tail = ByteBuffer.wrap(readFully(channel, size - 8, 8)).order(ByteOrder.LITTLE_ENDIAN);
        long length = tail.getInt() & 0xffffffffL;
        if (tail.getInt() != MAGIC) {
            throw new IOException("parquet: no PAR1 at the end (encrypted footer or not Parquet)");
        }
        if (length > size - 12 || length > MAX_FOOTER) {
            throw new IOException("parquet: footer of " + length + " bytes in a file of " + size);
        }
        long footerStart = size - 8 - length;
        byte[] footer = readFully(channel, footerStart, (int) length);
        return new Parser(new ThriftCompactReader(footer, 0, footer.length)).parse(footerStart);
    }

    /**
     * The chunks of a top-level MAP column's key column, one per row group in file order; empty when the file has
     * no such column, names it ambiguously (two names equal but for case), or shapes it unlike a map of keys.
     */
    Optional<List<KeyChunk>> keyChunks(String column) {
        return Optional.ofNullable(keyChunks.get(column));
    }

    /** Where the footer begins: every page lies before it. */
    long pagesEnd() {
        return pagesEnd;
    }

    static byte[] readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException("parquet: file ends before " + (position + length));
            }
        }
        return buffer.array();
    }

    private record SchemaElement(String name, int repetition, int numChildren, int convertedType, boolean logicalMap) {
        boolean annotatedMap() {
            return logicalMap || convertedType == CONVERTED_MAP || convertedType == CONVERTED_MAP_KEY_VALUE;
        }
    }

    /** The key column of one MAP column: the column's name and the key's path_in_schema. */
    private record KeyLeaf(String column, List<String> path) {}

    /** One pass over FileMetaData; the schema (field 2) comes before the row groups (field 4) in every writer. */
    private static final class Parser {
        private final ThriftCompactReader in;
        private List<SchemaElement> schema;
        private Map<Integer, KeyLeaf> keyLeaves;
        private int leafCount;
        private final Map<String, List<KeyChunk>> chunks = new HashMap<>();
        private final Map<Integer, Boolean> typeDefinedOrder = new HashMap<>();

        Parser(ThriftCompactReader in) {
            this.in = in;
        }

        ParquetFooter parse(long footerStart) throws IOException {
            in.beginMessage();
            boolean sawRowGroups = false;
            while (in.nextField()) {
                switch (in.fieldId()) {
                    case 2 -> schema();
                    case 4 -> {
                        rowGroups();
                        sawRowGroups = true;
                    }
                    case 7 -> columnOrders();
                    default -> in.skip();
                }
            }
            if (!sawRowGroups) {
                throw new IOException("parquet: footer without row groups");
            }
            Map<String, List<KeyChunk>> result = new HashMap<>();
            for (Map.Entry<Integer, KeyLeaf> leaf : keyLeaves.entrySet()) {
                boolean ordered = typeDefinedOrder.getOrDefault(leaf.getKey(), false);
                List<KeyChunk> list = new ArrayList<>();
                for (KeyChunk chunk : chunks.getOrDefault(leaf.getValue().column(), List.of())) {
                    list.add(ordered ? chunk : copy(chunk, chunk.elsewhere(), Optional.empty()));
                }
                result.put(leaf.getValue().column(), List.copyOf(list));
            }
            return new ParquetFooter(Map.copyOf(result), footerStart);
        }

        private void schema() throws IOException {
            int size = in.readList(STRUCT);
            List<SchemaElement> elements = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                elements.add(schemaElement());
            }
            if (elements.isEmpty()) {
                throw new IOException("parquet: empty schema");
            }
            schema = elements;
            keyLeaves = new HashMap<>();
            int[] next = {1};
            Map<String, Integer> namesIgnoringCase = new HashMap<>();
            for (int child = 0; child < elements.get(0).numChildren(); child++) {
                int top = next[0];
                int firstLeaf = leafCount;
                walk(next, 1);
                namesIgnoringCase.merge(elements.get(top).name().toLowerCase(Locale.ROOT), 1, Integer::sum);
                // A map's first leaf is its key.
                keyLeaf(top).ifPresent(path -> keyLeaves.put(firstLeaf, new KeyLeaf(path.getFirst(), path)));
            }
            if (next[0] != elements.size()) {
                throw new IOException("parquet: schema elements do not form one tree");
            }
            // DuckDB resolves names case-insensitively: of two names equal but for case, either may be the one asked
            // for.
            keyLeaves
                    .values()
                    .removeIf(leaf -> namesIgnoringCase.get(leaf.column().toLowerCase(Locale.ROOT)) > 1);
        }

        /** Advances past the subtree at next[0], counting its leaves. */
        private void walk(int[] next, int depth) throws IOException {
            if (next[0] >= schema.size()) {
                throw new IOException("parquet: schema ends inside a group");
            }
            if (depth > MAX_SCHEMA_DEPTH) {
                throw new IOException("parquet: schema nested deeper than " + MAX_SCHEMA_DEPTH);
            }
            SchemaElement element = schema.get(next[0]++);
            if (element.numChildren() <= 0) {
                leafCount++;
                return;
            }
            for (int i = 0; i < element.numChildren(); i++) {
                walk(next, depth + 1);
            }
        }

        /** The key's path when the element at index is a map (one repeated key_value group of a key and a value). */
        private Optional<List<String>> keyLeaf(int index) {
            SchemaElement map = schema.get(index);
            if (!map.annotatedMap() || map.numChildren() != 1 || index + 2 >= schema.size()) {
                return Optional.empty();
            }
            SchemaElement keyValue = schema.get(index + 1);
            SchemaElement key = schema.get(index + 2);
            if (keyValue.repetition() != REPEATED
                    || keyValue.numChildren() != 2
                    || key.numChildren() > 0
                    || !key.name().equals("key")) {
                return Optional.empty();
            }
            return Optional.of(List.of(map.name(), keyValue.name(), key.name()));
        }

        private SchemaElement schemaElement() throws IOException {
            in.readStructElement();
            String name = null;
            int repetition = -1;
            int numChildren = 0;
            int convertedType = -1;
            boolean logicalMap = false;
            while (in.nextField()) {
                switch (in.fieldId()) {
                    case 3 -> repetition = in.readI32();
                    case 4 -> name = utf8(in.readBinary());
                    case 5 -> numChildren = in.readI32();
                    case 6 -> convertedType = in.readI32();
                    case 10 -> logicalMap = logicalMap();
                    default -> in.skip();
                }
            }
            if (name == null || numChildren < 0) {
                throw new IOException("parquet: schema element without a name");
            }
            return new SchemaElement(name, repetition, numChildren, convertedType, logicalMap);
        }

        /** LogicalType is a union: the field set names the type. */
        private boolean logicalMap() throws IOException {
            in.readStruct();
            boolean map = false;
            while (in.nextField()) {
                map |= in.fieldId() == LOGICAL_MAP;
                in.skip();
            }
            return map;
        }

        private void rowGroups() throws IOException {
            if (schema == null) {
                throw new IOException("parquet: row groups before the schema");
            }
            int size = in.readList(STRUCT);
            for (int i = 0; i < size; i++) {
                in.readStructElement();
                while (in.nextField()) {
                    if (in.fieldId() == 1) {
                        columns();
                    } else {
                        in.skip();
                    }
                }
            }
        }

        /** A row group's chunks, one per leaf in schema order; only the key columns' are kept. */
        private void columns() throws IOException {
            int size = in.readList(STRUCT);
            if (size != leafCount) {
                throw new IOException("parquet: a row group has " + size + " chunks for " + leafCount + " columns");
            }
            for (int leaf = 0; leaf < size; leaf++) {
                KeyLeaf key = keyLeaves.get(leaf);
                if (key == null) {
                    in.skipElement(STRUCT);
                } else {
                    chunks.computeIfAbsent(key.column(), c -> new ArrayList<>()).add(columnChunk(key));
                }
            }
        }

        private KeyChunk columnChunk(KeyLeaf key) throws IOException {
            in.readStructElement();
            boolean elsewhere = false;
            KeyChunk chunk = null;
            while (in.nextField()) {
                switch (in.fieldId()) {
                    case 1, 8, 9 -> { // file_path, crypto_metadata, encrypted_column_metadata
                        elsewhere = true;
                        in.skip();
                    }
                    case 3 -> chunk = columnMetaData(key);
                    default -> in.skip();
                }
            }
            if (chunk == null) {
                throw new IOException("parquet: column chunk without metadata");
            }
            return copy(chunk, elsewhere, chunk.bounds());
        }

        private KeyChunk columnMetaData(KeyLeaf key) throws IOException {
            in.readStruct();
            int type = -1;
            int codec = -1;
            long numValues = -1;
            long totalCompressedSize = -1;
            long dataPageOffset = -1;
            long dictionaryPageOffset = 0;
            Statistics statistics = Statistics.NONE;
            Optional<List<KeyChunk.PageEncoding>> encodingStats = Optional.empty();
            List<String> path = List.of();
            while (in.nextField()) {
                switch (in.fieldId()) {
                    case 1 -> type = in.readI32();
                    case 3 -> path = path();
                    case 4 -> codec = in.readI32();
                    case 5 -> numValues = in.readI64();
                    case 7 -> totalCompressedSize = in.readI64();
                    case 9 -> dataPageOffset = in.readI64();
                    case 11 -> dictionaryPageOffset = in.readI64();
                    case 12 -> statistics = statistics();
                    case 13 -> encodingStats = Optional.of(encodingStats());
                    default -> in.skip();
                }
            }
            if (!path.equals(key.path())) {
                throw new IOException("parquet: chunk " + path + " where the schema puts " + key.path());
            }
            if (numValues < 0 || totalCompressedSize < 0 || dataPageOffset < 0) {
                throw new IOException("parquet: column metadata lacks sizes or offsets");
            }
            return new KeyChunk(
                    false,
                    type,
                    codec,
                    numValues,
                    totalCompressedSize,
                    dataPageOffset,
                    dictionaryPageOffset,
                    statistics.nullCount(),
                    encodingStats,
                    statistics.bounds());
        }

        private List<String> path() throws IOException {
            int size = in.readList(BINARY);
            List<String> path = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                path.add(utf8(in.readBinaryElement()));
            }
            return path;
        }

        private Statistics statistics() throws IOException {
            in.readStruct();
            OptionalLong nullCount = OptionalLong.empty();
            byte[] max = null;
            byte[] min = null;
            boolean maxExact = false;
            boolean minExact = false;
            while (in.nextField()) {
                switch (in.fieldId()) {
                    case 3 -> nullCount = OptionalLong.of(in.readI64());
                    case 5 -> max = in.readBinary();
                    case 6 -> min = in.readBinary();
                    case 7 -> maxExact = in.readBool();
                    case 8 -> minExact = in.readBool();
                    default -> in.skip();
                }
            }
            Optional<KeyChunk.Bounds> bounds = min != null && max != null
                    ? Optional.of(new KeyChunk.Bounds(min, max, minExact, maxExact))
                    : Optional.empty();
            return new Statistics(nullCount, bounds);
        }

        private List<KeyChunk.PageEncoding> encodingStats() throws IOException {
            int size = in.readList(STRUCT);
            List<KeyChunk.PageEncoding> stats = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                in.readStructElement();
                int pageType = -1;
                int encoding = -1;
                int count = -1;
                while (in.nextField()) {
                    switch (in.fieldId()) {
                        case 1 -> pageType = in.readI32();
                        case 2 -> encoding = in.readI32();
                        case 3 -> count = in.readI32();
                        default -> in.skip();
                    }
                }
                stats.add(new KeyChunk.PageEncoding(pageType, encoding, count));
            }
            return stats;
        }

        /** Statistics' min_value and max_value follow the type's order only where column_orders says TypeDefinedOrder. */
        private void columnOrders() throws IOException {
            int size = in.readList(STRUCT);
            for (int leaf = 0; leaf < size; leaf++) {
                in.readStructElement();
                boolean typeDefined = false;
                while (in.nextField()) {
                    typeDefined |= in.fieldId() == 1;
                    in.skip();
                }
                typeDefinedOrder.put(leaf, typeDefined);
            }
        }

        private static KeyChunk copy(KeyChunk c, boolean elsewhere, Optional<KeyChunk.Bounds> bounds) {
            return new KeyChunk(
                    elsewhere,
                    c.type(),
                    c.codec(),
                    c.numValues(),
                    c.totalCompressedSize(),
                    c.dataPageOffset(),
                    c.dictionaryPageOffset(),
                    c.nullCount(),
                    c.encodingStats(),
                    bounds);
        }

        private static String utf8(byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private record Statistics(OptionalLong nullCount, Optional<KeyChunk.Bounds> bounds) {
        static final Statistics NONE = new Statistics(OptionalLong.empty(), Optional.empty());
    }
}
