package dev.tally.gateway.timing;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * When one request passed each {@link Stage}, for a {@link StageSink} that asked for them (the benchmark). Off, the
 * default, it is one shared instance whose marks do nothing, so the request path pays a branch per stage and no
 * clock reads or allocation. The sink reads the marks after the answer was written, which follows every mark.
 */
// One long per stage, indexed by the stage's ordinal: an EnumMap would box every stamp on the request path. The
// array lives and dies with one request, so a reordered enum cannot mix old and new indexes.
@SuppressWarnings("EnumOrdinal")
public final class StageTimes {
    private static final StageTimes OFF = new StageTimes(null, StageSink.NONE);

    /** Null when off. */
    private final long @Nullable [] at;

    private final StageSink sink;

    private StageTimes(long @Nullable [] at, StageSink sink) {
        this.at = at;
        this.sink = sink;
    }

    public static StageTimes off() {
        return OFF;
    }

    /** A request's times for {@code sink}, or {@link #off()} when the sink is {@link StageSink#NONE}. */
    @SuppressWarnings("ReferenceEquality") // NONE is a sentinel instance: identity is what is meant
    public static StageTimes of(StageSink sink) {
        requireNonNull(sink, "sink is null");
        return sink == StageSink.NONE ? OFF : new StageTimes(new long[Stage.values().length], sink);
    }

    public boolean recording() {
        return at != null;
    }

    public void mark(Stage stage) {
        if (at != null) {
            at[stage.ordinal()] = System.nanoTime();
        }
    }

    /** A stamp taken elsewhere ({@code System.nanoTime()}), such as Jetty's for the request's arrival. */
    public void mark(Stage stage, long nanoTime) {
        if (at != null) {
            at[stage.ordinal()] = nanoTime;
        }
    }

    /** The stamp, or 0 where the request did not pass the stage (a refusal, a stream's missing body stamp). */
    public long at(Stage stage) {
        return at == null ? 0 : at[stage.ordinal()];
    }

    /** Hands the times to the sink; called once, after the answer's last byte. */
    public void finish() {
        if (at != null) {
            sink.finished(this);
        }
    }
}
