package dev.tally.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM stops the emulator process after a last billing flush: nothing recorded is lost. */
class ShutdownTest {
    @TempDir
    Path cur;

    @Test
    void sigterm_flushesBillingBeforeExit() throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(
                        javaBin,
                        "-cp",
                        System.getProperty("java.class.path"),
                        ShutdownMain.class.getName(),
                        cur.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            String endpoint =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertThat(endpoint).startsWith("http://127.0.0.1:");
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(endpoint + "/model/amazon.nova-micro-v1:0/converse"))
                                    .header("Authorization", "Bearer shutdown-key")
                                    .POST(
                                            HttpRequest.BodyPublishers.ofString(
                                                    "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"bill me\"}]}]}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(cur.resolve("tally-emulator")).doesNotExist();

            p.destroy(); // SIGTERM
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(cur.resolve("tally-emulator/data")).isDirectory();
            try (var files = Files.walk(cur.resolve("tally-emulator/data"))) {
                assertThat(files.filter(f -> f.toString().endsWith(".snappy.parquet")))
                        .hasSize(1);
            }
        } finally {
            p.destroyForcibly();
        }
    }
}
