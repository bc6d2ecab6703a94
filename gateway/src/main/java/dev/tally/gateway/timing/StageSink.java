package dev.tally.gateway.timing;

/** Takes each proxied request's {@link StageTimes}; the benchmark's way to see where a request's time goes. */
@FunctionalInterface
public interface StageSink {
    /** Takes nothing: the gateway then stamps nothing. */
    StageSink NONE = times -> {};

    void finished(StageTimes times);
}
