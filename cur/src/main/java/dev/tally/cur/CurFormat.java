package dev.tally.cur;

import java.nio.file.Path;
import java.util.Locale;

/** The file formats AWS writes a CUR 2.0 export in; chosen by the output file's extension. */
public enum CurFormat {
    // Snappy, as AWS writes CUR 2.0 Parquet (its files are named *.snappy.parquet).
    PARQUET("FORMAT parquet, COMPRESSION snappy"),
    CSV("FORMAT csv, HEADER true"),
    CSV_GZ("FORMAT csv, HEADER true, COMPRESSION gzip");

    private final String copyOptions;

    CurFormat(String copyOptions) {
        this.copyOptions = copyOptions;
    }

    String copyOptions() {
        return copyOptions;
    }

    public boolean isCsv() {
        return this != PARQUET;
    }

    /** The format for {@code path}'s extension: .parquet, .csv or .csv.gz. */
    public static CurFormat forPath(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".parquet")) {
            return PARQUET;
        }
        if (name.endsWith(".csv.gz")) {
            return CSV_GZ;
        }
        if (name.endsWith(".csv")) {
            return CSV;
        }
        throw new IllegalArgumentException(
                "cannot tell the format of '" + path + "': expected a name ending in .parquet, .csv or .csv.gz");
    }
}
