package dev.tally.report.read;

import dev.tally.core.error.ErrorKind;
import dev.tally.core.error.OneLine;
import dev.tally.core.error.TallyException;
import dev.tally.core.io.AtomicFile;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Copies {@code s3://bucket/prefix} into a local cache through the AWS SDK, which honours the usual
 * credential chain and endpoint settings ({@code AWS_ENDPOINT_URL}, {@code AWS_ENDPOINT_URL_S3}). An object
 * already cached with the same size and ETag is not downloaded again.
 */
public final class S3Fetcher {
    private final Path cacheRoot;
    private final Consumer<String> progress;

    /** @param progress receives one line per downloaded object; a no-op when output is not a terminal */
    public S3Fetcher(Path cacheRoot, Consumer<String> progress) {
        this.cacheRoot = cacheRoot;
        this.progress = progress;
    }

    public static Path defaultCacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("tally").resolve("s3");
    }

    /**
     * Downloads every object under the prefix (those already cached with the same ETag are kept) and returns
     * their local copies: only what the prefix holds now, never an object cached earlier and since deleted.
     */
    public List<Path> fetch(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw TallyException.usage(url + ": not an S3 address (" + e.getReason() + " at character "
                    + (e.getIndex() + 1) + "; expected s3://bucket/prefix, with spaces written %20)");
        }
        String bucket = uri.getHost();
        if (bucket == null || bucket.isBlank()) {
            throw TallyException.usage(url + ": expected s3://bucket/prefix");
        }
        String prefix = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        Path local = cacheRoot.resolve(bucket);
        try (S3Client s3 = client()) {
            List<S3Object> objects = list(s3, bucket, prefix);
            List<Path> copies = new ArrayList<>();
            int i = 0;
            for (S3Object object : objects) {
                i++;
                Path target = local.resolve(object.key()).normalize();
                if (!target.startsWith(local)) {
                    throw TallyException.badData(
                            url + ": object key '" + object.key() + "' escapes the cache directory");
                }
                copies.add(target);
                if (isCached(target, object)) {
                    continue;
                }
                progress.accept("downloading s3://" + bucket + "/" + object.key() + " (" + i + "/" + objects.size()
                        + ", " + object.size() + " bytes)");
                download(s3, bucket, object, target);
            }
            return copies;
        } catch (S3Exception e) {
            String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
                    ? "HTTP " + e.statusCode()
                    : e.awsErrorDetails().errorCode();
            String message = e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
                    ? OneLine.of(e.getMessage())
                    : OneLine.of(e.awsErrorDetails().errorMessage());
            throw new TallyException(
                    code.equals("NoSuchBucket") || code.equals("AccessDenied") ? ErrorKind.USAGE : ErrorKind.FAILURE,
                    url + ": S3 refused (" + code + ": " + message + ")");
        } catch (SdkException e) {
            throw TallyException.failure(url + ": cannot reach S3 (" + OneLine.of(e.getMessage()) + ")", e);
        }
    }

    private static S3Client client() {
        var builder = S3Client.builder().httpClient(UrlConnectionHttpClient.create());
        // A custom endpoint (moto, MinIO, a VPC endpoint) rarely resolves virtual-hosted bucket names.
        if (endpoint().isPresent()) {
            builder.forcePathStyle(true);
        }
        return builder.build();
    }

    private static Optional<String> endpoint() {
        for (String name : List.of("AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL")) {
            String value = System.getenv(name);
            if (value != null && !value.isBlank()) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    private static List<S3Object> list(S3Client s3, String bucket, String prefix) {
        List<S3Object> objects = new ArrayList<>();
        for (var page : s3.listObjectsV2Paginator(
                ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build())) {
            page.contents().stream().filter(o -> !o.key().endsWith("/")).forEach(objects::add);
        }
        return objects;
    }

    private static boolean isCached(Path target, S3Object object) {
        try {
            Path tag = etagFile(target);
            return Files.exists(target)
                    && Files.size(target) == object.size()
                    && Files.exists(tag)
                    && Files.readString(tag).equals(object.eTag());
        } catch (IOException e) {
            return false;
        }
    }

    private static void download(S3Client s3, String bucket, S3Object object, Path target) {
        try {
            Files.createDirectories(target.getParent());
            Path temp = AtomicFile.temporaryFor(target);
            try {
                s3.getObject(
                        GetObjectRequest.builder()
                                .bucket(bucket)
                                .key(object.key())
                                .build(),
                        ResponseTransformer.toFile(temp));
                AtomicFile.replace(temp, target);
            } finally {
                Files.deleteIfExists(temp);
            }
            Files.writeString(etagFile(target), object.eTag());
        } catch (IOException e) {
            throw TallyException.failure(
                    "cannot cache s3://" + bucket + "/" + object.key() + " at " + target + ": " + e.getMessage(), e);
        }
    }

    private static Path etagFile(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".etag");
    }
}
