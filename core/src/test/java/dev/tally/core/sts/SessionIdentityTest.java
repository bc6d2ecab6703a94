package dev.tally.core.sts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class SessionIdentityTest {
    private static final Pattern AWS_SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    private static final Pattern AWS_TAG = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    @Test
    void sessionName_hasPrefixProjectAndTime() {
        assertThat(SessionIdentity.of("tally", "ann")
                        .sessionName("cc", 1763900000L)
                        .value())
                .isEqualTo("cc-tally-1763900000");
    }

    @Test
    void sessionName_cutsTheProjectNotTheTimestamp() {
        String name = SessionIdentity.of("x".repeat(200), "ann")
                .sessionName("cc", 1763900000L)
                .value();
        assertThat(name).hasSize(64).startsWith("cc-xxx").endsWith("-1763900000");
    }

    @Test
    void tags_areProjectUserThenExtras() {
        SessionTags tags = new SessionIdentity("my repo", "ann", Map.of("team", "ds", "user", "override")).tags();
        assertThat(tags.value("Project")).contains("my repo");
        assertThat(tags.value("User")).contains("override");
        assertThat(tags.value("team")).contains("ds");
        assertThat(tags.tags()).hasSize(3);
    }

    @Property
    void anyProjectAndUser_yieldAwsValidNamesAndTags(
            @ForAll @StringLength(max = 300) String project,
            @ForAll @StringLength(max = 300) String user,
            @ForAll @StringLength(max = 20) String prefix) {
        SessionIdentity id = SessionIdentity.of(project, user);
        assertThat(id.sessionName(prefix, 1763900000L).value())
                .matches(AWS_SESSION_NAME)
                .endsWith("1763900000");
        for (SessionTag tag : id.tags().tags()) {
            assertThat(tag.key()).matches(AWS_TAG).hasSizeBetween(1, 128);
            assertThat(tag.value()).matches(AWS_TAG).hasSizeLessThanOrEqualTo(256);
        }
    }
}
