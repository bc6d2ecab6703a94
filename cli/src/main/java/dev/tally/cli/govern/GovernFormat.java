package dev.tally.cli.govern;

import dev.tally.core.error.TallyException;

/** The {@code --format} of budget and limit listings. */
final class GovernFormat {
    private GovernFormat() {}

    static boolean json(String format) {
        if (!format.equals("table") && !format.equals("json")) {
            throw TallyException.usage("--format '" + format + "' is not one of: table, json");
        }
        return format.equals("json");
    }
}
