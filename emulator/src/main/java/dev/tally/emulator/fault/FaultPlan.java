package dev.tally.emulator.fault;

import static java.util.Objects.requireNonNull;

import java.util.Random;

/**
 * Decides, call by call, whether to fail. Every Bedrock decision draws exactly three numbers and every STS
 * decision one, whatever the outcome, so the same sequence of calls gives the same sequence of outcomes
 * for a given seed.
 */
public final class FaultPlan {
    private final FaultSpec spec;
    private final Random random;

    public FaultPlan(FaultSpec spec) {
        this.spec = requireNonNull(spec, "spec is null");
        this.random = new Random(spec.seed());
    }

    public Outcome forBedrock(boolean streaming) {
        if (spec.none()) {
            return Outcome.OK;
        }
        double r;
        double kind;
        double cut;
        synchronized (random) {
            r = random.nextDouble();
            kind = random.nextDouble();
            cut = random.nextDouble();
        }
        if (r < spec.throttle()) {
            return Outcome.THROTTLE;
        }
        if (r < spec.throttle() + spec.error()) {
            return kind < 0.5 ? Outcome.SERVICE_UNAVAILABLE : Outcome.INTERNAL_ERROR;
        }
        if (streaming && cut < spec.streamCut()) {
            return Outcome.STREAM_CUT;
        }
        return Outcome.OK;
    }

    public Outcome forSts() {
        if (spec.none()) {
            return Outcome.OK;
        }
        double r;
        synchronized (random) {
            r = random.nextDouble();
        }
        return r < spec.stsThrottle() ? Outcome.THROTTLE : Outcome.OK;
    }
}
