package dev.tally.gateway.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JWKS file: read once, re-read for an unknown kid (at most once per interval), kept when unreadable. */
class JwksSourceTest {
    @TempDir
    Path dir;

    private static JWKSelector kid(String kid) {
        return new JWKSelector(new JWKMatcher.Builder().keyID(kid).build());
    }

    @Test
    void fileKeys_rotateOnAnUnknownKid_atMostOncePerInterval_andSurviveABrokenFile() throws Exception {
        RSAKey first = new RSAKeyGenerator(2048).keyID("one").generate();
        RSAKey second = new RSAKeyGenerator(2048).keyID("two").generate();
        Path file = dir.resolve("jwks.json");
        Files.writeString(file, new JWKSet(first).toPublicJWKSet().toString());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        JwksSource keys = new JwksSource(
                file.toUri(),
                Duration.ofHours(1),
                Duration.ofSeconds(3),
                new PrintStream(log, true, StandardCharsets.UTF_8));

        List<JWK> found = keys.get(kid("one"), null);
        assertThat(found).hasSize(1);
        assertThat(found.getFirst().isPrivate()).isFalse();
        assertThat(keys.fetches()).isEqualTo(1);

        Files.writeString(file, new JWKSet(second).toPublicJWKSet().toString());
        // Within the interval an unknown kid does not re-read the file.
        assertThat(keys.get(kid("two"), null)).isEmpty();
        assertThat(keys.fetches()).isEqualTo(1);
        Thread.sleep(3100);
        assertThat(keys.get(kid("two"), null)).hasSize(1);
        assertThat(keys.fetches()).isEqualTo(2);

        Files.writeString(file, "not a key set");
        Thread.sleep(3100);
        assertThat(keys.get(kid("three"), null)).isEmpty();
        assertThat(keys.get(kid("two"), null)).as("kept after a failed read").hasSize(1);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("keeping the keys fetched before");
    }
}
