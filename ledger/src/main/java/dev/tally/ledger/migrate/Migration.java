package dev.tally.ledger.migrate;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One numbered schema change, from a resource named {@code V<version>__<description>.sql}. Its checksum is the
 * SHA-256 of its text, so a migration edited after a ledger applied it is noticed rather than silently
 * diverging.
 */
public record Migration(int version, String description, String sql, String checksum) {
    private static final Pattern NAME = Pattern.compile("V(\\d+)__(\\w+)\\.sql");

    public Migration {
        if (version < 1) {
            throw new IllegalArgumentException("migration versions start at 1: " + version);
        }
        requireNonNull(description, "description is null");
        requireNonNull(sql, "sql is null");
        requireNonNull(checksum, "checksum is null");
    }

    public static Migration of(String fileName, String sql) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            throw new IllegalArgumentException("migration file name must be V<n>__<description>.sql: " + fileName);
        }
        return new Migration(Integer.parseInt(m.group(1)), m.group(2).replace('_', ' '), sql, sha256(sql));
    }

    /**
     * The statements, split at semicolons that end a line. Migrations are plain DDL and inserts, so this is
     * enough; a trigger body with inner semicolons would need a real splitter.
     */
    public List<String> statements() {
        return Arrays.stream(sql.split(";\\s*(\\r?\\n|$)"))
                .map(s -> s.lines()
                        .filter(l -> !l.strip().startsWith("--"))
                        .reduce((a, b) -> a + "\n" + b)
                        .orElse("")
                        .strip())
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
