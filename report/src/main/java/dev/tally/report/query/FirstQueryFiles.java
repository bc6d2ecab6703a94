package dev.tally.report.query;

import dev.tally.report.read.Container;
import dev.tally.report.read.Scan;
import dev.tally.report.read.SourceFile;
import dev.tally.report.read.SourceFormat;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A {@link FirstQuery} and its result rows as bytes, for an engine in another process: {@code tally report --engine
 * spark} runs Spark in a child JVM with the module options and JIT Spark needs, and the parent keeps the rest of
 * the report (inputs, planning, the second step, rendering), so both engines share every line of it. Text is
 * length-prefixed UTF-8 (the SQL can pass the 64 KB of {@code writeUTF}); decimals travel as plain decimal text.
 */
public final class FirstQueryFiles {
    private FirstQueryFiles() {}

    public static void writeQuery(FirstQuery query, DataOutput out) throws IOException {
        text(out, query.sql());
        out.writeInt(query.tagCount());
        out.writeInt(query.scans().size());
        for (Scan scan : query.scans()) {
            text(out, scan.name());
            text(out, scan.container().name());
            strings(out, scan.nullStrings());
            out.writeInt(scan.files().size());
            for (SourceFile f : scan.files()) {
                text(out, f.path().toString());
                text(out, f.format().name());
                strings(out, f.columns());
            }
        }
    }

    /** The query as written; its files carry no map keys (the SQL already holds what they told). */
    public static FirstQuery readQuery(DataInput in) throws IOException {
        String sql = text(in);
        int tagCount = in.readInt();
        int scanCount = in.readInt();
        List<Scan> scans = new ArrayList<>(scanCount);
        for (int i = 0; i < scanCount; i++) {
            String name = text(in);
            Container container = Container.valueOf(text(in));
            List<String> nullStrings = strings(in);
            int fileCount = in.readInt();
            List<SourceFile> files = new ArrayList<>(fileCount);
            for (int j = 0; j < fileCount; j++) {
                Path path = Path.of(text(in));
                SourceFormat format = SourceFormat.valueOf(text(in));
                files.add(new SourceFile(path, format, container, strings(in)));
            }
            scans.add(new Scan(name, files, container, nullStrings));
        }
        return new FirstQuery(sql, scans, tagCount);
    }

    /** One result row: every column as nullable text (a count as its digits, a decimal as plain text). */
    public static void writeRow(FirstQuery query, ResultRow row, DataOutput out) throws IOException {
        out.writeBoolean(true);
        for (int i = 0; i < query.columns(); i++) {
            @Nullable String value;
            if (query.isText(i)) {
                value = row.text(i);
            } else if (i < query.columns() - 2) {
                BigDecimal d = row.decimal(i);
                value = d == null ? null : d.toPlainString();
            } else {
                value = Long.toString(row.count(i));
            }
            nullableText(out, value);
        }
    }

    public static void endRows(DataOutput out) throws IOException {
        out.writeBoolean(false);
    }

    public static void readRows(FirstQuery query, DataInput in, Consumer<ResultRow> rows) throws IOException {
        @Nullable String[] values = new String[query.columns()];
        ResultRow row = new ResultRow() {
            @Override
            public @Nullable String text(int column) {
                return values[column];
            }

            @Override
            public @Nullable BigDecimal decimal(int column) {
                return values[column] == null ? null : new BigDecimal(values[column]);
            }

            @Override
            public long count(int column) {
                return Long.parseLong(values[column]);
            }
        };
        while (in.readBoolean()) {
            for (int i = 0; i < values.length; i++) {
                values[i] = nullableText(in);
            }
            rows.accept(row);
        }
    }

    private static void strings(DataOutput out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String v : values) {
            text(out, v);
        }
    }

    private static List<String> strings(DataInput in) throws IOException {
        int n = in.readInt();
        List<String> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(text(in));
        }
        return values;
    }

    private static void nullableText(DataOutput out, @Nullable String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            text(out, value);
        }
    }

    private static @Nullable String nullableText(DataInput in) throws IOException {
        return in.readBoolean() ? text(in) : null;
    }

    private static void text(DataOutput out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String text(DataInput in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
