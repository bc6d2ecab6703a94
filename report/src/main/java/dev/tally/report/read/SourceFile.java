package dev.tally.report.read;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One input file, with its detected format, the column names it has, the keys of its MAP columns where its Parquet
 * dictionaries tell them exactly (a column absent from {@code mapKeys} has unknown keys), and which of its columns
 * hold binary floating point (Parquet DOUBLE or FLOAT; every other column holds text, decimals or integers).
 */
public record SourceFile(
        Path path,
        SourceFormat format,
        Container container,
        List<String> columns,
        Map<String, Set<String>> mapKeys,
        Set<String> floatingPoint) {
    public SourceFile {
        requireNonNull(path, "path is null");
        requireNonNull(format, "format is null");
        requireNonNull(container, "container is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        mapKeys = Map.copyOf(requireNonNull(mapKeys, "mapKeys is null"));
        floatingPoint = Set.copyOf(requireNonNull(floatingPoint, "floatingPoint is null"));
    }

    /** A file of text columns whose map keys are unknown (CSV: maps are JSON text). */
    public SourceFile(Path path, SourceFormat format, Container container, List<String> columns) {
        this(path, format, container, columns, Map.of(), Set.of());
    }

    /** The file's own spelling of a column, matched case-insensitively. */
    public Optional<String> column(String name) {
        return columns.stream().filter(c -> c.equalsIgnoreCase(name)).findFirst();
    }

    public boolean has(String name) {
        return column(name).isPresent();
    }

    /** Whether the file holds column {@code name} (matched case-insensitively) as binary floating point. */
    public boolean isFloatingPoint(String name) {
        return column(name).filter(floatingPoint::contains).isPresent();
    }

    /** Columns whose name starts with a prefix, case-insensitively ({@code resourceTags/user:}). */
    public List<String> columnsStartingWith(String prefix) {
        String p = prefix.toLowerCase(Locale.ROOT);
        return columns.stream()
                .filter(c -> c.toLowerCase(Locale.ROOT).startsWith(p))
                .toList();
    }
}
