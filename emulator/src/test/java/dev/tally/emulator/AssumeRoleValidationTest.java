package dev.tally.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.Tag;

/** AssumeRole refuses what STS refuses, with STS's codes (moto checks none of this: aws-facts.md section 2). */
class AssumeRoleValidationTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/tally-dev";
    private static final String UNTAGGABLE = "arn:aws:iam::123456789012:role/legacy";
    private static Emulator emulator;
    private static StsClient sts;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorConfig.builder()
                .role(Role.DEFAULT)
                .role(Role.parse("legacy:no-tag-session"))
                .build());
        sts = Aws.sts(emulator.endpoint(), Aws.DEVELOPER);
    }

    @AfterAll
    static void stop() {
        sts.close();
        emulator.close();
    }

    @Test
    void badSessionName_isValidationError() {
        assertRefused(r -> r.roleArn(ROLE).roleSessionName("has space"), 400, "ValidationError", "roleSessionName");
        assertRefused(r -> r.roleArn(ROLE).roleSessionName("x"), 400, "ValidationError", "length between 2 and 64");
    }

    @Test
    void fiftyOneTags_isValidationError_butFiftyAreAccepted() {
        assertRefused(
                r -> r.roleArn(ROLE).roleSessionName("many").tags(tags(51)),
                400,
                "ValidationError",
                "less than or equal to 50");
        assertThat(sts.assumeRole(r -> r.roleArn(ROLE).roleSessionName("many").tags(tags(50)))
                        .packedPolicySize())
                .isBetween(1, 100);
    }

    @Test
    void tagKeysDifferingOnlyInCase_areDuplicates() {
        assertRefused(
                r -> r.roleArn(ROLE).roleSessionName("dupes").tags(tag("Project", "a"), tag("project", "b")),
                400,
                "ValidationError",
                "Duplicate tag keys");
    }

    @Test
    void durationOutOfRange_isValidationError() {
        assertRefused(
                r -> r.roleArn(ROLE).roleSessionName("short").durationSeconds(899),
                400,
                "ValidationError",
                "greater than or equal to 900");
        assertRefused(
                r -> r.roleArn(ROLE).roleSessionName("long").durationSeconds(43201),
                400,
                "ValidationError",
                "less than or equal to 43200");
        assertRefused(
                r -> r.roleArn(ROLE).roleSessionName("long").durationSeconds(7200),
                400,
                "ValidationError",
                "MaxSessionDuration");
    }

    @Test
    void unknownRole_isAccessDenied() {
        assertRefused(
                r -> r.roleArn("arn:aws:iam::123456789012:role/nope").roleSessionName("who"),
                403,
                "AccessDenied",
                "User: arn:aws:iam::123456789012:user/developer is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/nope");
    }

    @Test
    void assumeRole_withoutTagSession_refusesTaggedCalls_butAllowsUntagged() {
        assertRefused(
                r -> r.roleArn(UNTAGGABLE).roleSessionName("tagged").tags(tag("Project", "x")),
                403,
                "AccessDenied",
                "is not authorized to perform: sts:TagSession on resource: " + UNTAGGABLE);
        assertThat(sts.assumeRole(r -> r.roleArn(UNTAGGABLE).roleSessionName("untagged"))
                        .assumedRoleUser()
                        .arn())
                .isEqualTo("arn:aws:sts::123456789012:assumed-role/legacy/untagged");
    }

    @Test
    void badTagCharacters_areValidationError() {
        assertRefused(
                r -> r.roleArn(ROLE).roleSessionName("chars").tags(tag("Pro#ject", "x")),
                400,
                "ValidationError",
                "regular expression");
        assertRefused(
                r -> r.roleArn(ROLE).roleSessionName("chars").tags(tag("aws:reserved", "x")),
                400,
                "ValidationError",
                "aws:");
    }

    private static void assertRefused(
            Consumer<AssumeRoleRequest.Builder> request, int status, String code, String messagePart) {
        assertThatThrownBy(() -> sts.assumeRole(request)).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).contains(messagePart);
        });
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private static List<Tag> tags(int n) {
        List<Tag> tags = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tags.add(tag("Key" + i, "value" + i));
        }
        return tags;
    }
}
