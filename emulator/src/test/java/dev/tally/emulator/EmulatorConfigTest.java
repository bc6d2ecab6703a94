package dev.tally.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.error.TallyException;
import dev.tally.emulator.fault.FaultSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EmulatorConfigTest {
    @Test
    void defaults_areTheDocumentedOnes() {
        EmulatorConfig c = EmulatorConfig.defaults();
        assertThat(c.port()).isZero();
        assertThat(c.accountId()).isEqualTo("123456789012");
        assertThat(c.region()).isEqualTo("us-east-1");
        assertThat(c.users())
                .containsExactly(
                        new IamUser("developer", "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
        assertThat(c.roles()).containsExactly(new Role("tally-dev", true, Duration.ofHours(1)));
        assertThat(c.apiKeys()).isEmpty();
        assertThat(c.curOut()).isEmpty();
        assertThat(c.exportName()).isEqualTo("tally-emulator");
        assertThat(c.granularity()).isEqualTo(Granularity.HOURLY);
        assertThat(c.faults()).isEqualTo(FaultSpec.NONE);
        assertThat(c.flushInterval()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void specs_parse() {
        assertThat(IamUser.parse("ci:AKIAABCDEFGHIJKLMNOP:se:cret"))
                .isEqualTo(new IamUser("ci", "AKIAABCDEFGHIJKLMNOP", "se:cret"));
        assertThat(Role.parse("legacy:no-tag-session").allowsTagSession()).isFalse();
        assertThat(ApiKey.parse("k=arn:aws:iam::123456789012:user/BedrockAPIKey-1")
                        .userArn())
                .isEqualTo("arn:aws:iam::123456789012:user/BedrockAPIKey-1");
        assertThat(FaultSpec.parse("seed=3,throttle=0.05,error=0.02,stream-cut=0.01,sts-throttle=0.1"))
                .isEqualTo(new FaultSpec(3, 0.05, 0.02, 0.01, 0.1));
    }

    @Test
    void secrets_neverAppearInToString() {
        assertThat(IamUser.DEFAULT.toString()).doesNotContain(IamUser.DEFAULT.secretAccessKey());
        assertThat(ApiKey.parse("super-secret=arn:aws:iam::123456789012:user/x").toString())
                .doesNotContain("super-secret");
    }

    @Test
    void badValues_areUsageErrors() {
        assertThatThrownBy(() -> EmulatorConfig.builder().region("mars-1").build())
                .isInstanceOf(TallyException.class)
                .hasMessageContaining("mars-1");
        assertThatThrownBy(() -> EmulatorConfig.builder().accountId("12").build())
                .isInstanceOf(TallyException.class);
        assertThatThrownBy(() -> Role.parse("x:tag"))
                .isInstanceOf(TallyException.class)
                .hasMessageContaining("no-tag-session");
        assertThatThrownBy(() -> IamUser.parse("only:two")).isInstanceOf(TallyException.class);
        assertThatThrownBy(() -> Granularity.parse("weekly")).isInstanceOf(TallyException.class);
    }
}
