package dev.tally.cli.keys;

import dev.tally.core.error.TallyException;
import picocli.CommandLine.Option;

/** The {@code --format} of the store listings ({@code keys list}, {@code budget list}, {@code limits list}). */
public final class ListFormat {
    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default) or json.")
    String format = "table";

    /** Whether JSON was asked for; anything but table or json is a usage error naming the option. */
    public boolean json() {
        if (!format.equals("table") && !format.equals("json")) {
            throw TallyException.usage("--format '" + format + "' is not one of: table, json");
        }
        return format.equals("json");
    }
}
