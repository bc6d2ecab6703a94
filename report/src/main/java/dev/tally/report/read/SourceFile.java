package dev.tally.report.read;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One input file, with its detected format, the column names it has, and the keys of its MAP columns where its
 * Parquet dictionaries tell them exactly (a column absent from {@code mapKeys} has unknown keys).
 */
public record SourceFile(
        Path path, SourceFormat format, Container container, List<String> columns, Map<String, Set<String>> mapKeys) {
    public SourceFile {
        requireNonNull(path, "path is null");
        requireNonNull(format, "format is null");
        requireNonNull(container, "container is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        mapKeys = Map.copyOf(requireNonNull(mapKeys, "mapKeys is null"));
    }

    /** A file whose map keys are unknown (CSV: maps are JSON text). */
    public SourceFile(Path path, SourceFormat format, Container container, List<String> columns) {
        this(path, format, container, columns, Map.of());
    }

    /** The file's own spelling of a column, matched case-insensitively. */
    public Optional<String> column(String name) {
        return columns.stream().filter(c -> c.equalsIgnoreCase(name)).findFirst();
    }

    public boolean has(String name) {
        return column(name).isPresent();
    }

    /** Columns whose name starts with a prefix, case-insensitively ({@code resourceTags/user:}). */
    public List<String> columnsStartingWith(String prefix) {
        String p = prefix.toLowerCase(Locale.ROOT);
        return columns.stream()
                .filter(c -> c.toLowerCase(Locale.ROOT).startsWith(p))
                .toList();
    }
}
