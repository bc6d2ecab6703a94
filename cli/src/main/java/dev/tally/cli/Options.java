package dev.tally.cli;

import dev.tally.core.error.TallyException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Option values parsed the same way in every command. */
public final class Options {
    private Options() {}

    /** An enum constant by its lower-case, hyphenated name ({@code on-demand} for ON_DEMAND). */
    public static <E extends Enum<E>> E choice(Class<E> type, String option, String value) {
        String wanted =
                value == null ? "" : value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(wanted)) {
                return e;
            }
        }
        throw TallyException.usage(option + " '" + value + "' is not one of: "
                + Arrays.stream(type.getEnumConstants())
                        .map(e -> e.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                        .collect(Collectors.joining(", ")));
    }

    /** A date option's value (YYYY-MM-DD), if given. */
    public static Optional<LocalDate> date(String option, @Nullable String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value.strip()));
        } catch (DateTimeParseException e) {
            throw TallyException.usage(
                    option + " '" + value + "' is not a date (expected YYYY-MM-DD, e.g. 2026-11-01)");
        }
    }
}
