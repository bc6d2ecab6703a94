package dev.tally.emulator.clock;

import dev.tally.core.error.TallyException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where emulated time starts and how fast it runs: {@code start=2026-11-01T00:00:00Z,speed=3600} makes
 * one real second one emulated hour. No start means "now"; speed 1 is real time.
 */
public record ClockSpec(Optional<Instant> start, double speed) {
    public static final ClockSpec REAL_TIME = new ClockSpec(Optional.empty(), 1);

    public ClockSpec {
        if (!(speed > 0) || !Double.isFinite(speed)) {
            throw TallyException.invalidSetting("clock", ": speed must be a positive number, got " + speed);
        }
    }

    public static ClockSpec parse(String spec) {
        Map<String, String> pairs = SpecParser.pairs("clock", spec, Set.of("start", "speed"));
        Optional<Instant> start = Optional.empty();
        if (pairs.containsKey("start")) {
            try {
                start = Optional.of(Instant.parse(pairs.get("start")));
            } catch (DateTimeParseException e) {
                throw TallyException.invalidSetting(
                        "clock",
                        ": start must be an ISO instant such as 2026-11-01T00:00:00Z, got '" + pairs.get("start")
                                + "'");
            }
        }
        double speed = pairs.containsKey("speed") ? SpecParser.positive("clock", "speed", pairs.get("speed")) : 1;
        return new ClockSpec(start, speed);
    }
}
