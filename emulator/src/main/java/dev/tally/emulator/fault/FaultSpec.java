package dev.tally.emulator.fault;

import dev.tally.core.error.TallyException;
import dev.tally.emulator.clock.SpecParser;
import java.util.Map;
import java.util.Set;

/**
 * How often to fail on purpose: Bedrock throttling, Bedrock 5xx, streams cut by an exception frame, STS
 * throttling, each a probability per call, drawn from a generator seeded with {@code seed}.
 */
public record FaultSpec(long seed, double throttle, double error, double streamCut, double stsThrottle) {
    public static final FaultSpec NONE = new FaultSpec(0, 0, 0, 0, 0);

    public FaultSpec {
        if (throttle + error > 1) {
            throw TallyException.invalidSetting("faults", ": throttle + error must not exceed 1");
        }
    }

    public static FaultSpec parse(String spec) {
        Map<String, String> p =
                SpecParser.pairs("faults", spec, Set.of("seed", "throttle", "error", "stream-cut", "sts-throttle"));
        long seed;
        try {
            seed = Long.parseLong(p.getOrDefault("seed", "0"));
        } catch (NumberFormatException e) {
            throw TallyException.invalidSetting("faults", ": seed must be an integer, got '" + p.get("seed") + "'");
        }
        return new FaultSpec(
                seed,
                SpecParser.rate("faults", "throttle", p.getOrDefault("throttle", "0")),
                SpecParser.rate("faults", "error", p.getOrDefault("error", "0")),
                SpecParser.rate("faults", "stream-cut", p.getOrDefault("stream-cut", "0")),
                SpecParser.rate("faults", "sts-throttle", p.getOrDefault("sts-throttle", "0")));
    }

    public boolean none() {
        return throttle == 0 && error == 0 && streamCut == 0 && stsThrottle == 0;
    }
}
