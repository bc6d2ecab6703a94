package dev.tally.report.read;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One read of export files of the same format and container, as a report's first step needs it: the engine that
 * runs the query reads {@code files} as text columns (CSV: {@code nullStrings} read as NULL) or as Parquet, with
 * columns united by name across files.
 *
 * @param name a name unique within the query, for engines that register the read as a view
 */
public record Scan(String name, List<SourceFile> files, Container container, List<String> nullStrings) {
    public Scan {
        requireNonNull(name, "name is null");
        files = List.copyOf(requireNonNull(files, "files is null"));
        requireNonNull(container, "container is null");
        nullStrings = List.copyOf(requireNonNull(nullStrings, "nullStrings is null"));
        if (files.isEmpty()) {
            throw new IllegalArgumentException("a scan reads at least one file");
        }
    }
}
