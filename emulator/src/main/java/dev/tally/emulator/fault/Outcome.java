package dev.tally.emulator.fault;

/** What the fault plan decided for one call. */
public enum Outcome {
    OK,
    THROTTLE,
    SERVICE_UNAVAILABLE,
    INTERNAL_ERROR,
    STREAM_CUT
}
