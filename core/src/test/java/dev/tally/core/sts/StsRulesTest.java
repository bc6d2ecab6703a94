package dev.tally.core.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** The STS rules, checked against AWS's documented patterns written out here independently. */
class StsRulesTest {
    private static final Pattern AWS_SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    private static final Pattern AWS_TAG_KEY = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,128}");
    private static final Pattern AWS_TAG_VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{0,256}");

    @Test
    void sessionName_acceptsAwsCharacters() {
        assertThat(SessionName.of("cc-my_repo-1700000000").value()).isEqualTo("cc-my_repo-1700000000");
        assertThat(SessionName.of("user@acme.org").value()).isEqualTo("user@acme.org");
    }

    @Test
    void sessionName_refusesBadLengthAndCharacters() {
        assertThatThrownBy(() -> SessionName.of("a"))
                .isInstanceOf(StsRuleException.class)
                .hasMessageContaining("length");
        assertThatThrownBy(() -> SessionName.of("x".repeat(65))).isInstanceOf(StsRuleException.class);
        assertThatThrownBy(() -> SessionName.of("has space"))
                .isInstanceOf(StsRuleException.class)
                .satisfies(e -> assertThat(((StsRuleException) e).field()).isEqualTo("roleSessionName"));
    }

    @Test
    void sanitized_replacesAndCuts() {
        assertThat(SessionName.sanitized("cc-my repo/with:stuff-1", "cc").value())
                .isEqualTo("cc-my-repo-with-stuff-1");
        assertThat(SessionName.sanitized("", "cc").value()).isEqualTo("cc");
        assertThat(SessionName.sanitized("x", "cc").value()).isEqualTo("x_");
        assertThat(SessionName.sanitized("ü".repeat(10), "fallback").value()).isEqualTo("fallback");
        assertThat(SessionName.sanitized("a".repeat(100), "cc").value()).hasSize(64);
    }

    @Property
    void sanitizedSessionName_alwaysMatchesAwsPattern(@ForAll @StringLength(max = 200) String raw) {
        assertThat(SessionName.sanitized(raw, "cc").value()).matches(AWS_SESSION_NAME);
    }

    @Property
    void sanitizedTag_alwaysMatchesAwsPatterns(
            @ForAll @StringLength(min = 1, max = 300) String key, @ForAll @StringLength(max = 400) String value) {
        if (key.replaceAll("[^\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]", "_").strip().isEmpty()) {
            return;
        }
        SessionTag tag = SessionTag.sanitized(key, value);
        assertThat(tag.key()).matches(AWS_TAG_KEY);
        assertThat(tag.value()).matches(AWS_TAG_VALUE);
    }

    @Test
    void sanitizedTag_keepsUnicodeLettersAndSpaces() {
        SessionTag tag = SessionTag.sanitized("Project", "my répo $(rm -rf) `x`;|&");
        assertThat(tag.value()).isEqualTo("my répo __rm -rf_ _x____");
    }

    @Test
    void tag_refusesAwsPrefixAndLongValues() {
        assertThatThrownBy(() -> SessionTag.of("aws:thing", "x"))
                .isInstanceOf(StsRuleException.class)
                .hasMessageContaining("aws:");
        assertThatThrownBy(() -> SessionTag.of("k", "v".repeat(257))).isInstanceOf(StsRuleException.class);
        assertThatThrownBy(() -> SessionTag.of("", "v")).isInstanceOf(StsRuleException.class);
        assertThatThrownBy(() -> SessionTag.of("k", "semi;colon")).isInstanceOf(StsRuleException.class);
    }

    @Test
    void tags_refuseMoreThanFiftyAndCaseInsensitiveDuplicates() {
        List<SessionTag> tags = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            tags.add(SessionTag.of("k" + i, "v"));
        }
        assertThatThrownBy(() -> SessionTags.of(tags))
                .isInstanceOf(StsRuleException.class)
                .hasMessageContaining("50");
        assertThat(SessionTags.of(tags.subList(0, 50)).tags()).hasSize(50);
        assertThatThrownBy(() -> SessionTags.of(List.of(SessionTag.of("Project", "a"), SessionTag.of("project", "b"))))
                .isInstanceOf(StsRuleException.class)
                .hasMessageContaining("insensitive");
    }

    @Test
    void tags_lookUpCaseInsensitively() {
        assertThat(SessionTags.of(Map.of("Project", "tally")).value("project")).contains("tally");
    }
}
