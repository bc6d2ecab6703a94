package dev.tally.spark;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * Where Spark's executors read each input file. {@code s3://bucket/prefix} inputs are listed, and their formats
 * detected, by the driver through the report's S3 cache ({@code S3Fetcher}: {@code CACHE/bucket/key}); executors on
 * other machines cannot see that cache, so a file under it is read from {@code s3a://bucket/key} through hadoop-aws.
 * Every other file is read where it is.
 */
public record S3Locations(Path cacheRoot) {
    public S3Locations {
        requireNonNull(cacheRoot, "cacheRoot is null");
        cacheRoot = cacheRoot.toAbsolutePath().normalize();
    }

    /** The file's location for Spark: an {@code s3a://} URI for a cached S3 object, else its absolute path. */
    public String of(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (!absolute.startsWith(cacheRoot) || absolute.getNameCount() - cacheRoot.getNameCount() < 2) {
            return absolute.toString();
        }
        Path relative = cacheRoot.relativize(absolute);
        StringBuilder uri = new StringBuilder("s3a://").append(relative.getName(0));
        for (int i = 1; i < relative.getNameCount(); i++) {
            uri.append('/').append(relative.getName(i));
        }
        return uri.toString();
    }
}
