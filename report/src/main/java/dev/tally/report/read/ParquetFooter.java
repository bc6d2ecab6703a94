package dev.tally.report.read;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.ColumnOrder;
import org.apache.parquet.format.ConvertedType;
import org.apache.parquet.format.FieldRepetitionType;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.event.EventBasedThriftReader;
import shaded.parquet.org.apache.thrift.TException;
import shaded.parquet.org.apache.thrift.protocol.TCompactProtocol;
import shaded.parquet.org.apache.thrift.protocol.TList;
import shaded.parquet.org.apache.thrift.protocol.TProtocol;
import shaded.parquet.org.apache.thrift.protocol.TProtocolException;
import shaded.parquet.org.apache.thrift.protocol.TProtocolUtil;
import shaded.parquet.org.apache.thrift.transport.TIOStreamTransport;

/**
 * The part of a Parquet footer (FileMetaData) that locates each MAP column's key chunks, decoded by Parquet's own
 * Thrift structures (parquet-format-structures). Its event reader walks the footer and only the key columns' chunks
 * become objects: reading the whole FileMetaData of a 20M-row CUR (163 row groups x 93 columns, 1.6 MB) builds some
 * 15,000 ColumnChunks for the two or three wanted per row group. DuckDB's parquet_metadata() was slower still: a
 * 34-column row for every chunk, about 110 ms for that file.
 */
final class ParquetFooter {
    private static final int MAGIC = 0x31524150; // "PAR1" read little-endian
    // Real footers are megabytes; beyond this the bytes are garbage.
    private static final long MAX_FOOTER = 256L << 20;
    // Real schemas nest a few levels; deeper is garbage.
    private static final int MAX_SCHEMA_DEPTH = 64;
    // Thrift's wire type of a list (TType.LIST; the shaded runtime inlines its constants and leaves TType out).
    private static final byte LIST = 15;
    private static final short SCHEMA = 2;
    private static final short ROW_GROUPS = 4;
    private static final short COLUMN_ORDERS = 7;
    private static final short COLUMNS = 1;

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
        Parser parser = new Parser();
        try {
            TProtocol protocol = new TCompactProtocol(new TIOStreamTransport(new ByteArrayInputStream(footer)));
            new EventBasedThriftReader(protocol).readStruct(parser::fileMetaData);
        } catch (TException | RuntimeException e) {
            // Garbage makes Thrift fail in its own ways (a missing required field, a negative size, an unknown union).
            throw new IOException("parquet: footer does not decode: " + e.getMessage(), e);
        }
        return parser.footer(footerStart);
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

    /** The key column of one MAP column: the column's name and the key's path_in_schema. */
    private record KeyLeaf(String column, List<String> path) {}

    /** One pass over FileMetaData; the schema (field 2) comes before the row groups (field 4) in every writer. */
    private static final class Parser {
        /** Empty until read: a schema without elements is refused. */
        private List<SchemaElement> schema = List.of();

        private final Map<Integer, KeyLeaf> keyLeaves = new HashMap<>();
        private int leafCount;
        private boolean sawRowGroups;
        private final Map<Integer, List<ColumnChunk>> chunks = new HashMap<>();
        private final Map<Integer, Boolean> typeDefinedOrder = new HashMap<>();

        void fileMetaData(TProtocol in, EventBasedThriftReader reader, short id, byte type) throws TException {
            if (type != LIST || (id != SCHEMA && id != ROW_GROUPS && id != COLUMN_ORDERS)) {
                TProtocolUtil.skip(in, type);
                return;
            }
            TList list = in.readListBegin();
            switch (id) {
                case SCHEMA -> schema(in, list);
                case ROW_GROUPS -> rowGroups(reader, list);
                default -> columnOrders(in, list);
            }
            in.readListEnd();
        }

        ParquetFooter footer(long footerStart) throws IOException {
            if (schema.isEmpty() || !sawRowGroups) {
                throw new IOException("parquet: footer without a schema or row groups");
            }
            Map<String, List<KeyChunk>> result = new HashMap<>();
            for (Map.Entry<Integer, KeyLeaf> leaf : keyLeaves.entrySet()) {
                boolean ordered = typeDefinedOrder.getOrDefault(leaf.getKey(), false);
                List<KeyChunk> list = new ArrayList<>();
                for (ColumnChunk chunk : chunks.getOrDefault(leaf.getKey(), List.of())) {
                    ColumnMetaData meta = chunk.getMeta_data();
                    if (meta == null || !leaf.getValue().path().equals(meta.getPath_in_schema())) {
                        throw new IOException("parquet: a chunk of "
                                + leaf.getValue().column() + " lacks metadata or names another column");
                    }
                    list.add(KeyChunk.of(chunk, ordered));
                }
                result.put(leaf.getValue().column(), List.copyOf(list));
            }
            return new ParquetFooter(Map.copyOf(result), footerStart);
        }

        private void schema(TProtocol in, TList list) throws TException {
            List<SchemaElement> elements = new ArrayList<>();
            for (int i = 0; i < list.size; i++) {
                SchemaElement element = new SchemaElement();
                element.read(in);
                elements.add(element);
            }
            if (elements.isEmpty()) {
                throw new TProtocolException("empty schema");
            }
            schema = elements;
            keyLeaves.clear();
            int[] next = {1};
            Map<String, Integer> namesIgnoringCase = new HashMap<>();
            for (int child = 0; child < elements.getFirst().getNum_children(); child++) {
                int top = next[0];
                int firstLeaf = leafCount;
                walk(next, 1);
                // name is required in parquet.thrift: read() refuses an element without one.
                String name = requireNonNull(elements.get(top).getName());
                namesIgnoringCase.merge(name.toLowerCase(Locale.ROOT), 1, Integer::sum);
                // A map's first leaf is its key.
                keyLeaf(top).ifPresent(path -> keyLeaves.put(firstLeaf, new KeyLeaf(name, path)));
            }
            if (next[0] != elements.size()) {
                throw new TProtocolException("schema elements do not form one tree");
            }
            // DuckDB resolves names case-insensitively: of two names equal but for case, either may be the one asked
            // for.
            keyLeaves
                    .values()
                    .removeIf(
                            leaf -> namesIgnoringCase.getOrDefault(leaf.column().toLowerCase(Locale.ROOT), 0) > 1);
        }

        /** Advances past the subtree at next[0], counting its leaves. */
        private void walk(int[] next, int depth) throws TProtocolException {
            if (next[0] >= schema.size()) {
                throw new TProtocolException("schema ends inside a group");
            }
            if (depth > MAX_SCHEMA_DEPTH) {
                throw new TProtocolException("schema nested deeper than " + MAX_SCHEMA_DEPTH);
            }
            SchemaElement element = schema.get(next[0]++);
            if (element.getNum_children() <= 0) {
                leafCount++;
                return;
            }
            for (int i = 0; i < element.getNum_children(); i++) {
                walk(next, depth + 1);
            }
        }

        /** The key's path when the element at index is a map (one repeated key_value group of a key and a value). */
        private Optional<List<String>> keyLeaf(int index) {
            SchemaElement map = schema.get(index);
            if (!annotatedMap(map) || map.getNum_children() != 1 || index + 2 >= schema.size()) {
                return Optional.empty();
            }
            SchemaElement keyValue = schema.get(index + 1);
            SchemaElement key = schema.get(index + 2);
            if (keyValue.getRepetition_type() != FieldRepetitionType.REPEATED
                    || keyValue.getNum_children() != 2
                    || key.getNum_children() > 0
                    || !"key".equals(key.getName())) {
                return Optional.empty();
            }
            return Optional.of(List.of(map.getName(), keyValue.getName(), key.getName()));
        }

        private static boolean annotatedMap(SchemaElement element) {
            return (element.getLogicalType() != null && element.getLogicalType().isSetMAP())
                    || element.getConverted_type() == ConvertedType.MAP
                    || element.getConverted_type() == ConvertedType.MAP_KEY_VALUE;
        }

        private void rowGroups(EventBasedThriftReader reader, TList list) throws TException {
            if (schema.isEmpty()) {
                throw new TProtocolException("row groups before the schema");
            }
            for (int i = 0; i < list.size; i++) {
                reader.readStruct((p, r, id, type) -> {
                    if (id == COLUMNS && type == LIST) {
                        columns(p, p.readListBegin());
                        p.readListEnd();
                    } else {
                        TProtocolUtil.skip(p, type);
                    }
                });
            }
            sawRowGroups = true;
        }

        /** A row group's chunks, one per leaf in schema order; only the key columns' become objects. */
        private void columns(TProtocol in, TList list) throws TException {
            if (list.size != leafCount) {
                throw new TProtocolException("a row group has " + list.size + " chunks for " + leafCount + " columns");
            }
            for (int leaf = 0; leaf < list.size; leaf++) {
                if (keyLeaves.containsKey(leaf)) {
                    ColumnChunk chunk = new ColumnChunk();
                    chunk.read(in);
                    chunks.computeIfAbsent(leaf, l -> new ArrayList<>()).add(chunk);
                } else {
                    TProtocolUtil.skip(in, list.elemType);
                }
            }
        }

        /** Statistics' min_value and max_value follow the type's order only where column_orders says TypeDefinedOrder. */
        private void columnOrders(TProtocol in, TList list) throws TException {
            for (int leaf = 0; leaf < list.size; leaf++) {
                ColumnOrder order = new ColumnOrder();
                order.read(in);
                typeDefinedOrder.put(leaf, order.isSetTYPE_ORDER());
            }
        }
    }
}
