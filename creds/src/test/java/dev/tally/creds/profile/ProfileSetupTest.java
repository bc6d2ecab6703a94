package dev.tally.creds.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileSetupTest {
    @TempDir
    Path dir;

    private static final List<String> COMMAND =
            List.of("/opt/my tally/bin/tally", "creds", "--role-arn", "arn:aws:iam::123456789012:role/dev");

    @Test
    void apply_addsTheStanza_keepsEveryOtherLine_andIsIdempotent() throws Exception {
        Path config = dir.resolve("config");
        String before = """
                # my settings
                [default]
                region = eu-west-1   ; trailing comment

                [profile work]
                sso_session = corp
                """;
        Files.writeString(config, before);
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
        ProfileSetup.Change first = ProfileSetup.apply(config, "cc-tracked", Optional.of("us-west-2"), COMMAND);
        String after = Files.readString(config);
        assertThat(first.changed()).isTrue();
        assertThat(after).startsWith(before).endsWith("""

                [profile cc-tracked]
                credential_process = '/opt/my tally/bin/tally' creds --role-arn arn:aws:iam::123456789012:role/dev
                region = us-west-2
                """);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config)))
                .isEqualTo("rw-------");

        ProfileSetup.Change second = ProfileSetup.apply(config, "cc-tracked", Optional.of("us-west-2"), COMMAND);
        assertThat(second.changed()).isFalse();
        assertThat(Files.readString(config)).isEqualTo(after);
    }

    @Test
    void apply_updatesAnExistingStanzaInPlace() throws Exception {
        Path config = dir.resolve("config");
        Files.writeString(config, """
                [profile cc-tracked]
                # written by hand
                credential_process = /old/tally creds
                output = json
                credential_process = /older/tally creds
                [profile other]
                region = ap-south-1
                """);
        ProfileSetup.apply(config, "cc-tracked", Optional.of("us-east-2"), List.of("/new/tally", "creds"));
        assertThat(Files.readString(config)).isEqualTo("""
                [profile cc-tracked]
                # written by hand
                credential_process = /new/tally creds
                output = json
                region = us-east-2
                [profile other]
                region = ap-south-1
                """);
        assertThat(AwsConfigFile.parse(Files.readString(config)).get("other", "region"))
                .contains("ap-south-1");
    }

    @Test
    void apply_createsAMissingFileAndFolder() throws Exception {
        Path config = dir.resolve("home/.aws/config");
        ProfileSetup.Change change = ProfileSetup.apply(config, "default", Optional.empty(), List.of("/t", "creds"));
        assertThat(change.created()).isTrue();
        assertThat(Files.readString(config)).isEqualTo("[default]\ncredential_process = /t creds\n");
    }

    @Test
    void shellWords_quoteWhatAShellWouldSplit() {
        assertThat(ShellWords.join(List.of("/a b/tally", "it's", "$HOME", "plain-arg=1,2")))
                .isEqualTo("'/a b/tally' 'it'\\''s' '$HOME' plain-arg=1,2");
    }
}
