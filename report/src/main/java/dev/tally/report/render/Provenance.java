package dev.tally.report.render;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * What a page was made from, said on the page: the inputs (or the service asked), the options that narrowed them,
 * when, and by which version of Tally.
 */
public record Provenance(List<String> inputs, String options, Instant madeAt, String tallyVersion) {
    public Provenance {
        inputs = List.copyOf(requireNonNull(inputs, "inputs is null"));
        requireNonNull(options, "options is null");
        requireNonNull(madeAt, "madeAt is null");
        requireNonNull(tallyVersion, "tallyVersion is null");
    }

    /** A page made now from a report whose origin the caller does not tell. */
    public static Provenance unknown() {
        return new Provenance(List.of(), "", Instant.now(), "unknown");
    }
}
