package dev.tally.cli;

import dev.tally.core.error.TallyException;
import dev.tally.core.price.PriceCatalog;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * {@code --prices FILE} (or {@code TALLY_PRICES}) for every command that prices tokens: the built-in catalog
 * with the file's models on top. A catalog older than 90 days is used, with a warning on stderr.
 */
public final class PricesOption {
    static final long STALE_AFTER_DAYS = 90;

    @Option(
            names = "--prices",
            paramLabel = "FILE",
            description =
                    "Price catalog overrides (the format of the built-in prices.txt; also TALLY_PRICES). Default: the built-in catalog.")
    @Nullable
    Path file;

    /** The catalog to price with; warns on {@code err} when it is stale. */
    public PriceCatalog load(PrintWriter err) {
        Path source = file;
        String env = System.getenv("TALLY_PRICES");
        if (source == null && env != null && !env.isBlank()) {
            source = Path.of(env);
        }
        PriceCatalog catalog;
        if (source == null) {
            catalog = PriceCatalog.builtIn();
        } else if (!Files.isReadable(source)) {
            throw TallyException.usage("--prices " + source + ": no such readable file");
        } else {
            catalog = PriceCatalog.withOverrides(source);
        }
        long age = ChronoUnit.DAYS.between(catalog.asOf(), LocalDate.now(Clock.systemUTC()));
        if (age > STALE_AFTER_DAYS) {
            err.println("tally: warning: prices are as of " + catalog.asOf() + " (" + age
                    + " days old); check them and override with --prices FILE");
            err.flush();
        }
        return catalog;
    }
}
