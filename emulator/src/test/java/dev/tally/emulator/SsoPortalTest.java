package dev.tally.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.sso.model.RoleCredentials;
import software.amazon.awssdk.services.sso.model.SsoException;
import software.amazon.awssdk.services.sso.model.UnauthorizedException;
import software.amazon.awssdk.services.sts.StsClient;

/** IAM Identity Center's GetRoleCredentials through the SDK's own SSO client, and the session it yields. */
class SsoPortalTest {
    private static Emulator emulator;
    private static SsoClient sso;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorConfig.defaults());
        sso = SsoClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    static void stop() {
        sso.close();
        emulator.close();
    }

    @Test
    void getRoleCredentials_givesAnIdentityCenterRoleSession() {
        RoleCredentials c = sso.getRoleCredentials(r -> r.accessToken("token")
                        .accountId(EmulatorConfig.DEFAULT_ACCOUNT)
                        .roleName("Developer"))
                .roleCredentials();
        assertThat(c.expiration()).isGreaterThan(System.currentTimeMillis() + 3_000_000L);
        try (StsClient sts = Aws.sts(
                emulator.endpoint(),
                AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()))) {
            assertThat(sts.getCallerIdentity().arn())
                    .matches("arn:aws:sts::" + EmulatorConfig.DEFAULT_ACCOUNT
                            + ":assumed-role/AWSReservedSSO_Developer_[0-9a-f]{16}/sso-user");
        }
    }

    @Test
    void getRoleCredentials_otherAccount_isForbidden_andNoToken_isUnauthorized() {
        assertThatThrownBy(() -> sso.getRoleCredentials(
                        r -> r.accessToken("token").accountId("999999999999").roleName("Developer")))
                // AWS's answer, "ForbiddenException: No access", is not in the SDK's model: a plain SsoException.
                .isInstanceOfSatisfying(SsoException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ForbiddenException");
                    assertThat(e.statusCode()).isEqualTo(403);
                });
        assertThatThrownBy(() -> sso.getRoleCredentials(r -> r.accessToken(" ")
                        .accountId(EmulatorConfig.DEFAULT_ACCOUNT)
                        .roleName("Developer")))
                .isInstanceOf(UnauthorizedException.class);
    }
}
