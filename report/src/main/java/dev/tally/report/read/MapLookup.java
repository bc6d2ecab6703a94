package dev.tally.report.read;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * SQL for one tag key's value in a MAP(VARCHAR, VARCHAR) column, with design.md's semantics: keys are trimmed and
 * match case-insensitively, an empty value is a missing one (the SQL may yield it empty: the report's dimension values
 * read empty as missing). When a map holds the key in several spellings with values, the usual spellings win
 * ({@code iamPrincipal/Project}, then {@code iamPrincipal/project}), then the others in byte order: the same answer
 * whichever of the two plans below runs.
 */
final class MapLookup {
    private static final Comparator<String> BYTE_ORDER =
            (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private MapLookup() {}

    /**
     * A tag key as lookups compare it: spaces (U+0020, as {@link SqlDialect#keyScan}) trimmed, lower case. The
     * same on every path, so the dictionary plan and the per-row plan find the same keys.
     */
    static String normalize(String key) {
        int start = 0;
        int end = key.length();
        while (start < end && key.charAt(start) == ' ') {
            start++;
        }
        while (end > start && key.charAt(end - 1) == ' ') {
            end--;
        }
        return key.substring(start, end).toLowerCase(Locale.ROOT);
    }

    /**
     * One place a tag's value may be: an SQL expression yielding NULL or the value, and, unless {@code neverEmpty},
     * possibly an empty string.
     */
    record Candidate(String sql, boolean neverEmpty) {
        /** A plain subscript or column: NULL, empty or the value. */
        static Candidate of(String sql) {
            return new Candidate(sql, false);
        }
    }

    /**
     * Where the value of {@code prefix + key} in {@code mapExpr} may be, in order of precedence. {@link #firstNonEmpty}
     * picks among them (and among several maps' candidates).
     *
     * @param knownKeys every key the column holds, where the files' Parquet dictionaries tell them exactly
     *     ({@link ParquetDictionary}); then only the spellings present are looked up, with no per-row scan
     */
    static List<Candidate> candidates(
            SqlDialect sql, String mapExpr, String prefix, String key, Optional<Set<String>> knownKeys) {
        String wanted = normalize(prefix + key);
        if (knownKeys.isPresent()) {
            List<String> spellings = new ArrayList<>(usualSpellings(prefix, key));
            spellings.retainAll(knownKeys.get());
            knownKeys.get().stream()
                    .filter(k -> normalize(k).equals(wanted) && !spellings.contains(k))
                    .sorted(BYTE_ORDER)
                    .forEach(spellings::add);
            return spellings.stream()
                    .map(s -> Candidate.of(sql.mapValue(mapExpr, s)))
                    .toList();
        }
        // The usual spellings are plain lookups; the per-row scan of every key (SqlDialect.keyScan) runs after them.
        // It skips empty values itself.
        List<Candidate> candidates = new ArrayList<>(usualSpellings(prefix, key).stream()
                .map(s -> Candidate.of(sql.mapValue(mapExpr, s)))
                .toList());
        candidates.add(new Candidate(sql.keyScan(mapExpr, wanted), true));
        return List.copyOf(candidates);
    }

    /**
     * The first of {@code candidates} that is not empty, or else the last one as it is: NULL, empty or a value. An
     * empty tag value is a missing one to everything that reads the result (the report's dimension values), so the
     * last candidate needs no test of its own, and a test is a comparison, not {@code nullif}: on a 20-million-row
     * CUR, {@code coalesce(nullif(a, ''), nullif(b, ''))} cost 0.4 s more than this (docs/benchmarks.md). A candidate
     * that is never empty is tried by {@code coalesce}, so its expression (the per-row key scan) appears, and runs,
     * once.
     */
    static String firstNonEmpty(List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            return "NULL";
        }
        String sql = candidates.getLast().sql();
        for (Candidate c : candidates.reversed().subList(1, candidates.size())) {
            sql = c.neverEmpty()
                    ? "coalesce(" + c.sql() + ", " + sql + ")"
                    : "CASE WHEN " + c.sql() + " <> '' THEN " + c.sql() + " ELSE " + sql + " END";
        }
        return sql;
    }

    private static Set<String> usualSpellings(String prefix, String key) {
        String capitalized = key.isEmpty() ? key : Character.toUpperCase(key.charAt(0)) + key.substring(1);
        return new LinkedHashSet<>(List.of(prefix + capitalized, prefix + key));
    }
}
