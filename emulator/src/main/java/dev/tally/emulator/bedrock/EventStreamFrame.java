package dev.tally.emulator.bedrock;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * One message of AWS's event-stream binary framing (aws-facts.md section 8): total length and headers
 * length (4 bytes each, big-endian), CRC32 of those 8 bytes, headers, payload, CRC32 of everything
 * before it. Only string headers (type 7) are written: the only kind Bedrock sends.
 */
public final class EventStreamFrame {
    private static final byte STRING = 7;
    private static final byte[] CONTENT_TYPE = ":content-type".getBytes(StandardCharsets.UTF_8);
    private static final byte[] EVENT_TYPE = ":event-type".getBytes(StandardCharsets.UTF_8);
    private static final byte[] EXCEPTION_TYPE = ":exception-type".getBytes(StandardCharsets.UTF_8);
    private static final byte[] MESSAGE_TYPE = ":message-type".getBytes(StandardCharsets.UTF_8);
    private static final byte[] JSON = "application/json".getBytes(StandardCharsets.UTF_8);

    private EventStreamFrame() {}

    /** An event: {@code :event-type} {@code eventType}, JSON payload. */
    public static byte[] event(String eventType, byte[] payload) {
        return encode(payload, EVENT_TYPE, eventType, MESSAGE_TYPE, "event");
    }

    /** A modelled exception ending a stream, e.g. {@code modelStreamErrorException}. */
    public static byte[] exception(String exceptionType, byte[] payload) {
        return encode(payload, EXCEPTION_TYPE, exceptionType, MESSAGE_TYPE, "exception");
    }

    private static byte[] encode(
            byte[] payload, byte[] firstName, String firstValue, byte[] secondName, String secondValue) {
        byte[] v1 = firstValue.getBytes(StandardCharsets.UTF_8);
        byte[] v2 = secondValue.getBytes(StandardCharsets.UTF_8);
        int headersLength = header(firstName, v1) + header(CONTENT_TYPE, JSON) + header(secondName, v2);
        int total = 12 + headersLength + payload.length + 4;
        ByteBuffer b = ByteBuffer.allocate(total);
        b.putInt(total).putInt(headersLength);
        b.putInt(crc(b.array(), 0, 8));
        put(b, firstName, v1);
        put(b, CONTENT_TYPE, JSON);
        put(b, secondName, v2);
        b.put(payload);
        b.putInt(crc(b.array(), 0, total - 4));
        return b.array();
    }

    private static int header(byte[] name, byte[] value) {
        return 1 + name.length + 1 + 2 + value.length;
    }

    private static void put(ByteBuffer b, byte[] name, byte[] value) {
        b.put((byte) name.length)
                .put(name)
                .put(STRING)
                .putShort((short) value.length)
                .put(value);
    }

    private static int crc(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }
}
