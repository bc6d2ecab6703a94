package dev.tally.account.doctor;

import static java.util.Objects.requireNonNull;

import dev.tally.core.error.OneLine;
import java.util.Optional;

/**
 * One check's outcome, printed as one line: a mark, what was checked, what was found and, on failure, the
 * exact fix.
 */
public record Finding(String check, Verdict verdict, String detail, Optional<String> fix) {
    public enum Verdict {
        PASS("[pass]"),
        FAIL("[FAIL]"),
        /** Not checked: an earlier check it needs failed. Counts as not passing. */
        SKIPPED("[skip]");

        private final String mark;

        Verdict(String mark) {
            this.mark = mark;
        }

        public String mark() {
            return mark;
        }
    }

    public Finding {
        requireNonNull(check, "check is null");
        requireNonNull(verdict, "verdict is null");
        detail = OneLine.of(requireNonNull(detail, "detail is null"));
        fix = requireNonNull(fix, "fix is null").map(OneLine::of);
    }

    public static Finding pass(String check, String detail) {
        return new Finding(check, Verdict.PASS, detail, Optional.empty());
    }

    public static Finding fail(String check, String detail, String fix) {
        return new Finding(check, Verdict.FAIL, detail, Optional.of(fix));
    }

    public static Finding skipped(String check, String needs) {
        return new Finding(check, Verdict.SKIPPED, "not checked: needs " + needs, Optional.empty());
    }

    public boolean passed() {
        return verdict == Verdict.PASS;
    }

    public String line() {
        return verdict.mark() + " " + check + ": " + detail
                + fix.map(f -> " Fix: " + f).orElse("");
    }
}
