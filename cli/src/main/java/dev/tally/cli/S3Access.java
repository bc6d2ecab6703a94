package dev.tally.cli;

import dev.tally.core.error.TallyException;
import dev.tally.report.read.S3Fetcher;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What a report's {@code s3://} inputs take from the process environment, read here at the process edge: the
 * cache folder ({@code XDG_CACHE_HOME}, else {@code ~/.cache}) and a custom endpoint
 * ({@code AWS_ENDPOINT_URL_S3}, else {@code AWS_ENDPOINT_URL}).
 */
public final class S3Access {
    private static final List<String> ENDPOINT_VARIABLES = List.of("AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL");

    private S3Access() {}

    public static S3Fetcher fetcher(Map<String, String> env, Consumer<String> progress) {
        return new S3Fetcher(cacheRoot(env), progress, clients(env));
    }

    static Path cacheRoot(Map<String, String> env) {
        return tallyCache(env).resolve("s3");
    }

    /** Tally's cache folder: {@code s3/} holds the S3 copies, {@code spark/} the Spark child's AOT cache. */
    static Path tallyCache(Map<String, String> env) {
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("tally");
    }

    private static Supplier<S3Client> clients(Map<String, String> env) {
        for (String name : ENDPOINT_VARIABLES) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                try {
                    return S3Fetcher.clients(new URI(value.strip()));
                } catch (URISyntaxException e) {
                    throw TallyException.usage(name + "=" + value + ": not a URL (" + e.getReason() + ")");
                }
            }
        }
        return S3Fetcher.clients();
    }
}
