package dev.tally.account.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.error.ErrorKind;
import dev.tally.core.error.TallyException;
import org.junit.jupiter.api.Test;

class TrustedPrincipalTest {
    @Test
    void parse_acceptsUsersRolesAndAccountRootInEveryCommercialPartition() {
        assertThat(TrustedPrincipal.parse("arn:aws:iam::123456789012:user/alice")
                        .kind())
                .isEqualTo(TrustedPrincipal.Kind.USER);
        assertThat(TrustedPrincipal.parse("arn:aws:iam::123456789012:user/devs/alice")
                        .kind())
                .isEqualTo(TrustedPrincipal.Kind.USER);
        assertThat(TrustedPrincipal.parse("arn:aws-cn:iam::123456789012:role/ci")
                        .partition())
                .isEqualTo("aws-cn");
        assertThat(TrustedPrincipal.parse(
                                "arn:aws-us-gov:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Dev_1a2b")
                        .kind())
                .isEqualTo(TrustedPrincipal.Kind.ROLE);
        TrustedPrincipal root = TrustedPrincipal.parse("arn:aws:iam::123456789012:root");
        assertThat(root.kind()).isEqualTo(TrustedPrincipal.Kind.ACCOUNT);
        assertThat(root.accountId()).isEqualTo("123456789012");
    }

    @Test
    void parse_bareAccountId_isTheAccountRoot() {
        assertThat(TrustedPrincipal.parse("123456789012").arn()).isEqualTo("arn:aws:iam::123456789012:root");
    }

    @Test
    void parse_assumedRoleSession_isRefusedWithTheRoleArnToUseInstead() {
        assertThatThrownBy(() -> TrustedPrincipal.parse("arn:aws:sts::123456789012:assumed-role/Dev/alice@acme.org"))
                .isInstanceOf(TallyException.class)
                .satisfies(e -> assertThat(((TallyException) e).kind()).isEqualTo(ErrorKind.USAGE))
                .hasMessageContaining("assumed-role session")
                .hasMessageContaining("arn:aws:iam::123456789012:role/Dev");
    }

    @Test
    void parse_federatedUser_isRefused() {
        assertThatThrownBy(() -> TrustedPrincipal.parse("arn:aws:sts::123456789012:federated-user/bob"))
                .hasMessageContaining("federated-user session");
    }

    @Test
    void parse_malformedOrIsolatedPartition_namesTheExpectedForms() {
        assertThatThrownBy(() -> TrustedPrincipal.parse("arn:aws:iam::1234:user/alice"))
                .hasMessageStartingWith("principal 'arn:aws:iam::1234:user/alice' is not an IAM principal ARN")
                .hasMessageContaining("arn:aws:iam::ACCOUNT:role/NAME");
        assertThatThrownBy(() -> TrustedPrincipal.parse("alice")).hasMessageContaining("not an IAM principal ARN");
        assertThatThrownBy(() -> TrustedPrincipal.parse("arn:aws-iso:iam::123456789012:user/alice"))
                .hasMessageContaining("partition aws-iso");
        assertThatThrownBy(() -> TrustedPrincipal.parse("")).hasMessageContaining("principal is empty");
    }
}
