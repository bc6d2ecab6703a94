package dev.tally.report.read;

import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;

/**
 * Just enough of Thrift's compact protocol to read Parquet's footer and page headers. Every length and nesting
 * depth is checked, so corrupt bytes end in an {@link IOException}, never in an unbounded allocation or a stack
 * overflow. Running out of bytes is an {@link EOFException}: a page header reader can then retry with more.
 *
 * <p>Fields are read with {@code read...} (checking the field's wire type), elements of a list with
 * {@code read...Element} once {@link #readList} has checked the element type.
 */
final class ThriftCompactReader {
    static final int TRUE = 1;
    static final int FALSE = 2;
    static final int BYTE = 3;
    static final int I16 = 4;
    static final int I32 = 5;
    static final int I64 = 6;
    static final int DOUBLE = 7;
    static final int BINARY = 8;
    static final int LIST = 9;
    static final int SET = 10;
    static final int MAP = 11;
    static final int STRUCT = 12;

    // Parquet's structs nest a handful of levels; anything deeper is garbage.
    private static final int MAX_DEPTH = 32;

    private final byte[] bytes;
    private final int end;
    private int pos;
    private final int[] lastFieldIds = new int[MAX_DEPTH];
    private int depth;
    private int fieldId;
    private int fieldType;

    ThriftCompactReader(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.pos = offset;
        this.end = offset + length;
    }

    int position() {
        return pos;
    }

    /** Enters the outermost struct of a message. */
    void beginMessage() throws IOException {
        pushStruct();
    }

    /** Moves to the next field of the current struct; false at its end, which also leaves the struct. */
    boolean nextField() throws IOException {
        int header = readByte();
        if (header == 0) {
            depth--;
            return false;
        }
        int delta = header >>> 4;
        fieldType = header & 0x0f;
        fieldId = delta != 0 ? lastFieldIds[depth - 1] + delta : (short) zigzag(readVarint(3));
        lastFieldIds[depth - 1] = fieldId;
        return true;
    }

    int fieldId() {
        return fieldId;
    }

    /** A boolean field's value travels in its type nibble. */
    boolean readBool() throws IOException {
        expect(fieldType == TRUE || fieldType == FALSE, "a bool");
        return fieldType == TRUE;
    }

    int readI32() throws IOException {
        expect(fieldType == I32, "an i32");
        return readI32Element();
    }

    long readI64() throws IOException {
        expect(fieldType == I64, "an i64");
        return zigzag(readVarint(10));
    }

    byte[] readBinary() throws IOException {
        expect(fieldType == BINARY, "a binary");
        return readBinaryElement();
    }

    /** Enters the current field's struct value. */
    void readStruct() throws IOException {
        expect(fieldType == STRUCT, "a struct");
        pushStruct();
    }

    /** Reads the current field's list header and returns its size; its elements must be of the given type. */
    int readList(int elementType) throws IOException {
        expect(fieldType == LIST, "a list");
        int header = readByte();
        int size = header >>> 4;
        if (size == 15) {
            size = readSize();
        }
        if (size > 0 && (header & 0x0f) != elementType) {
            throw new IOException("thrift: list of type " + (header & 0x0f) + ", expected " + elementType);
        }
        return size;
    }

    int readI32Element() throws IOException {
        return (int) zigzag(readVarint(5));
    }

    byte[] readBinaryElement() throws IOException {
        int length = readSize();
        byte[] value = Arrays.copyOfRange(bytes, pos, pos + length);
        pos += length;
        return value;
    }

    /** Enters a struct that is an element of a list. */
    void readStructElement() throws IOException {
        pushStruct();
    }

    /** Skips the current field's value, whatever its type. */
    void skip() throws IOException {
        skip(fieldType, depth);
    }

    /** Skips one list element of the given type. */
    void skipElement(int elementType) throws IOException {
        skip(elementType, depth);
    }

    private void skip(int type, int nesting) throws IOException {
        if (nesting >= MAX_DEPTH) {
            throw new IOException("thrift: values nested too deep");
        }
        switch (type) {
            case TRUE, FALSE -> {}
            case BYTE -> readByte();
            case I16, I32, I64 -> readVarint(10);
            case DOUBLE -> advance(8);
            case BINARY -> advance(readSize());
            case LIST, SET -> {
                int header = readByte();
                int size = header >>> 4 == 15 ? readSize() : header >>> 4;
                for (int i = 0; i < size; i++) {
                    skip(inCollection(header & 0x0f), nesting + 1);
                }
            }
            case MAP -> {
                int size = readSize();
                if (size > 0) {
                    int kinds = readByte();
                    for (int i = 0; i < size; i++) {
                        skip(inCollection(kinds >>> 4), nesting + 1);
                        skip(inCollection(kinds & 0x0f), nesting + 1);
                    }
                }
            }
            case STRUCT -> {
                pushStruct();
                while (nextField()) {
                    skip(fieldType, depth);
                }
            }
            default -> throw new IOException("thrift: unknown type " + type);
        }
    }

    /** A bool inside a collection is a whole byte, unlike a bool field whose value is its type. */
    private static int inCollection(int type) {
        return type == TRUE || type == FALSE ? BYTE : type;
    }

    private void pushStruct() throws IOException {
        if (depth == MAX_DEPTH) {
            throw new IOException("thrift: structs nested too deep");
        }
        lastFieldIds[depth++] = 0;
    }

    /** A length or element count: each counted thing takes at least one byte, so more than remain is corrupt. */
    private int readSize() throws IOException {
        long size = readVarint(5);
        if (size > end - pos) {
            throw new EOFException("thrift: size " + size + " with " + (end - pos) + " bytes left");
        }
        return (int) size;
    }

    private long readVarint(int maxBytes) throws IOException {
        long value = 0;
        for (int i = 0; i < maxBytes; i++) {
            int b = readByte();
            value |= (long) (b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("thrift: varint longer than " + maxBytes + " bytes");
    }

    private int readByte() throws IOException {
        if (pos >= end) {
            throw new EOFException("thrift: out of bytes");
        }
        return bytes[pos++] & 0xff;
    }

    private void advance(int n) throws IOException {
        if (n > end - pos) {
            throw new EOFException("thrift: out of bytes");
        }
        pos += n;
    }

    private static long zigzag(long n) {
        return (n >>> 1) ^ -(n & 1);
    }

    private void expect(boolean condition, String what) throws IOException {
        if (!condition) {
            throw new IOException("thrift: field " + fieldId + " of type " + fieldType + " is not " + what);
        }
    }
}
