package dev.tally.cur;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The columns of a CUR 2.0 export, in AWS's order, with the DuckDB type each is written as. */
public final class Cur2Schema {
    /** One column: its name and its type in AWS's Glue schema and in DuckDB. */
    public record Column(String name, String glueType) {
        public String duckType() {
            return switch (glueType) {
                case "string" -> "VARCHAR";
                case "double" -> "DOUBLE";
                case "timestamp" -> "TIMESTAMP";
                case "map<string,string>" -> "MAP(VARCHAR, VARCHAR)";
                case "map<string,double>" -> "MAP(VARCHAR, DOUBLE)";
                default -> throw new IllegalStateException("no DuckDB type for Glue type " + glueType);
            };
        }

        public boolean isMap() {
            return glueType.startsWith("map<");
        }

        public boolean isTimestamp() {
            return glueType.equals("timestamp");
        }
    }

    private static final List<Column> COLUMNS = load();

    private Cur2Schema() {}

    public static List<Column> columns() {
        return COLUMNS;
    }

    private static List<Column> load() {
        try (InputStream in = Cur2Schema.class.getResourceAsStream("/dev/tally/cur/cur2-columns.tsv")) {
            if (in == null) {
                throw new IllegalStateException("cur2-columns.tsv is missing from the jar");
            }
            List<Column> columns = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] parts = line.split("\t", -1);
                    columns.add(new Column(parts[0], parts[1]));
                }
            }
            return List.copyOf(columns);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
