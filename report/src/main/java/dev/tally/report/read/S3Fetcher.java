package dev.tally.report.read;

import static java.util.Objects.requireNonNull;

import dev.tally.aws.AwsCall;
import dev.tally.aws.ConfiguredRegion;
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
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Copies {@code s3://bucket/prefix} into a local cache through the AWS SDK, which honours the usual
 * credential chain. The process edge (cli) reads the environment and says where the cache is and which
 * endpoint to use; this class reads none. An object already cached with the same size and ETag is not
 * downloaded again.
 */
public final class S3Fetcher {
    private final Path cacheRoot;
    private final Consumer<String> progress;
    private final Supplier<S3Client> clients;

    /**
     * @param progress receives one line per downloaded object; a no-op when output is not a terminal
     * @param clients makes the client for one fetch ({@link #clients()} or {@link #clients(URI)})
     */
    public S3Fetcher(Path cacheRoot, Consumer<String> progress, Supplier<S3Client> clients) {
        this.cacheRoot = requireNonNull(cacheRoot, "cacheRoot is null");
        this.progress = requireNonNull(progress, "progress is null");
        this.clients = requireNonNull(clients, "clients is null");
    }

    /**
     * Clients with the SDK's default credentials and endpoint, in the configured region or us-east-1: an export's
     * bucket may be in any region, and cross-region access follows it there.
     */
    public static Supplier<S3Client> clients() {
        return () -> S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(ConfiguredRegion.orUsEast1())
                .crossRegionAccessEnabled(true)
                .build();
    }

    /** Clients for a custom endpoint (moto, MinIO, a VPC endpoint), which rarely resolves virtual-hosted names. */
    public static Supplier<S3Client> clients(URI endpoint) {
        requireNonNull(endpoint, "endpoint is null");
        return () -> S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(ConfiguredRegion.orUsEast1())
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .build();
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
        try (S3Client s3 = clients.get()) {
            List<S3Object> objects =
                    AwsCall.of("S3", "ListObjectsV2 on " + url, "s3:ListBucket").run(() -> list(s3, bucket, prefix));
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
        } catch (SdkException e) {
            // Building the client: no region or credentials anywhere the SDK looks.
            throw TallyException.failure(url + ": cannot set up S3 (" + OneLine.of(e.getMessage()) + ")", e);
        }
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
                String url = "s3://" + bucket + "/" + object.key();
                AwsCall.of("S3", "GetObject on " + url, "s3:GetObject")
                        .run(() -> s3.getObject(
                                GetObjectRequest.builder()
                                        .bucket(bucket)
                                        .key(object.key())
                                        .build(),
                                ResponseTransformer.toFile(temp)));
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
