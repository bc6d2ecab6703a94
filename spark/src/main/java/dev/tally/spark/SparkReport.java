package dev.tally.spark;

import dev.tally.core.error.ErrorKind;
import dev.tally.core.error.OneLine;
import dev.tally.core.error.TallyException;
import dev.tally.core.io.AtomicFile;
import dev.tally.report.query.Condition;
import dev.tally.report.query.Dimension;
import dev.tally.report.query.Report;
import dev.tally.report.query.ReportEngine;
import dev.tally.report.query.ReportRequest;
import dev.tally.report.read.CostBasis;
import dev.tally.report.read.S3Fetcher;
import dev.tally.report.render.OutputFormat;
import dev.tally.report.render.Renderer;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * {@code spark-submit --class dev.tally.spark.SparkReport tally-spark-<version>.jar [options] INPUT...}: a whole
 * {@code tally report} on the cluster's Spark (its master and configuration come from spark-submit). Options are
 * those of {@code tally report}: {@code --by}, {@code --from}, {@code --to}, {@code --where}, {@code --all-services},
 * {@code --cost}, {@code --top}, {@code --format}, {@code --out}. The driver finds the inputs and detects their
 * formats; executors read them, so they must see the same paths (a shared file system).
 */
public final class SparkReport {
    private SparkReport() {}

    public static void main(String[] args) {
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        try {
            run(args, err);
        } catch (TallyException e) {
            err.println("tally: error: " + OneLine.of(e.getMessage()));
            System.exit(e.kind() == ErrorKind.USAGE ? 2 : 1);
        }
    }

    private static void run(String[] args, PrintWriter err) {
        Arguments a = Arguments.parse(args);
        SparkSession spark = SparkSession.builder()
                .appName("tally report")
                .config("spark.sql.session.timeZone", "UTC")
                .getOrCreate();
        try {
            // The driver lists s3:// inputs and detects their formats from its cache; the executors read the objects
            // themselves through hadoop-aws.
            S3aSettings.apply(spark.sparkContext().hadoopConfiguration(), System.getenv());
            Path cache = Path.of(System.getProperty("user.home"), ".cache", "tally", "s3");
            Report report = new ReportEngine(
                            new S3Fetcher(cache, line -> {}, S3Fetcher.clients()),
                            new SparkFirstStep(spark, new S3Locations(cache)))
                    .run(a.request);
            report.warnings().forEach(w -> err.println("tally: warning: " + w));
            if (report.defaultDimensions()) {
                err.println(
                        "tally: grouped by " + report.dimensions().get(0).label() + " (the default; choose with --by)");
            }
            write(report, a);
        } finally {
            spark.stop();
        }
    }

    private static void write(Report report, Arguments a) {
        Renderer renderer = Renderer.forFormat(a.format);
        try {
            if (a.out.isPresent()) {
                AtomicFile.write(
                        a.out.get(),
                        out -> {
                            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                            renderer.render(report, w);
                            w.flush();
                        },
                        Optional.empty());
            } else {
                Writer w = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
                renderer.render(report, w);
                w.flush();
            }
        } catch (IOException e) {
            throw TallyException.failure("cannot write the report: " + e.getMessage(), e);
        }
    }

    /** The options of {@code tally report}, parsed with the same value parsers as the command line. */
    private record Arguments(ReportRequest request, OutputFormat format, Optional<Path> out) {
        static Arguments parse(String[] args) {
            List<String> inputs = new ArrayList<>();
            List<Dimension> by = List.of();
            Optional<LocalDate> from = Optional.empty();
            Optional<LocalDate> to = Optional.empty();
            List<Condition> where = new ArrayList<>();
            boolean allServices = false;
            CostBasis cost = CostBasis.UNBLENDED;
            Optional<Integer> top = Optional.empty();
            OutputFormat format = OutputFormat.TABLE;
            Optional<Path> out = Optional.empty();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--by" ->
                        by = Arrays.stream(value(args, ++i, arg).split(","))
                                .map(Dimension::parse)
                                .toList();
                    case "--from" -> from = Optional.of(date(value(args, ++i, arg), arg));
                    case "--to" -> to = Optional.of(date(value(args, ++i, arg), arg));
                    case "--where" -> where.add(Condition.parse(value(args, ++i, arg)));
                    case "--all-services" -> allServices = true;
                    case "--cost" -> cost = choice(CostBasis.class, value(args, ++i, arg), arg);
                    case "--top" -> top = Optional.of(number(value(args, ++i, arg), arg));
                    case "--format" -> format = choice(OutputFormat.class, value(args, ++i, arg), arg);
                    case "--out" -> out = Optional.of(Path.of(value(args, ++i, arg)));
                    default -> {
                        if (arg.startsWith("--")) {
                            throw TallyException.usage("unknown option " + arg);
                        }
                        inputs.add(arg);
                    }
                }
            }
            if (format == OutputFormat.HTML && out.isEmpty()) {
                throw TallyException.usage("--format html writes a file: add --out FILE.html");
            }
            ReportRequest request =
                    new ReportRequest(inputs, by, from, to, where, allServices, cost, top, format == OutputFormat.HTML);
            return new Arguments(request, format, out);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw TallyException.usage(option + " needs a value");
            }
            return args[i];
        }

        private static LocalDate date(String value, String option) {
            try {
                return LocalDate.parse(value.strip());
            } catch (DateTimeParseException e) {
                throw TallyException.usage(
                        option + " '" + value + "' is not a date (expected YYYY-MM-DD, e.g. 2026-11-01)");
            }
        }

        private static int number(String value, String option) {
            try {
                return Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                throw TallyException.usage(option + " '" + value + "' is not a whole number");
            }
        }

        private static <E extends Enum<E>> E choice(Class<E> type, String value, String option) {
            String wanted = value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(wanted)) {
                    return e;
                }
            }
            throw TallyException.usage(option + " '" + value + "' is not one of: "
                    + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
        }
    }
}
