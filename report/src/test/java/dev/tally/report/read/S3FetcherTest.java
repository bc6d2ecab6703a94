package dev.tally.report.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.tally.core.error.ErrorKind;
import dev.tally.core.error.TallyException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** S3 refusals read as the account and creds commands' do: through the one translation in the aws module. */
class S3FetcherTest {
    @TempDir
    Path cache;

    @Test
    void fetch_accessDenied_isAFailureNamingTheIamAction() throws Exception {
        // moto does not enforce IAM by default: a loopback server answers as S3 answers a caller without s3:ListBucket.
        byte[] denied = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code>"
                        + "<Message>Access Denied</Message></Error>")
                .getBytes(StandardCharsets.UTF_8);
        HttpServer s3 = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s3.createContext("/", x -> {
            x.getRequestBody().readAllBytes();
            x.getResponseHeaders().set("Content-Type", "application/xml");
            x.sendResponseHeaders(403, denied.length);
            x.getResponseBody().write(denied);
            x.close();
        });
        s3.start();
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + s3.getAddress().getPort());
            S3Fetcher fetcher = new S3Fetcher(
                    cache,
                    line -> {},
                    () -> S3Client.builder()
                            .endpointOverride(endpoint)
                            .forcePathStyle(true)
                            .region(Region.US_EAST_1)
                            .credentialsProvider(StaticCredentialsProvider.create(
                                    AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                            .build());
            assertThatThrownBy(() -> fetcher.fetch("s3://bills/cur/"))
                    .isInstanceOfSatisfying(
                            TallyException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.FAILURE))
                    .hasMessage("S3 refused ListObjectsV2 on s3://bills/cur/: the caller lacks s3:ListBucket"
                            + " (AccessDenied: Access Denied)");
        } finally {
            s3.stop(0);
        }
    }
}
