package dev.tally.report.read;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** One input file, with its detected format and the column names it has. */
public record SourceFile(Path path, SourceFormat format, Container container, List<String> columns) {
    public SourceFile {
        requireNonNull(path, "path is null");
        requireNonNull(format, "format is null");
        requireNonNull(container, "container is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
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
        return columns.stream().filter(c -> c.toLowerCase(Locale.ROOT).startsWith(p)).toList();
    }
}
