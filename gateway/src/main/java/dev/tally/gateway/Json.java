package dev.tally.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The gateway's one JSON mapper, built on first use rather than at class loading: building it takes a few hundred
 * milliseconds of a start that must open the port in under two seconds, so {@link Gateway#start} warms it in the
 * background once the port is open.
 */
public final class Json {
    private Json() {}

    public static ObjectMapper mapper() {
        return Holder.MAPPER;
    }

    private static final class Holder {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
}
