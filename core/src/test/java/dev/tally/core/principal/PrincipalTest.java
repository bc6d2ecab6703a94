package dev.tally.core.principal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.error.ErrorKind;
import dev.tally.core.error.TallyException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class PrincipalTest {
    @Test
    void parse_iamUser_isUserWithName() {
        Principal p = Principal.parse("arn:aws:iam::123456789012:user/alice");
        assertThat(p.kind()).isEqualTo(PrincipalKind.USER);
        assertThat(p.accountId()).isEqualTo("123456789012");
        assertThat(p.userName()).contains("alice");
        assertThat(p.user()).contains("alice");
        assertThat(p.roleName()).isEmpty();
    }

    @Test
    void parse_iamUserWithPath_takesLastSegment() {
        assertThat(Principal.parse("arn:aws:iam::123456789012:user/division/team/bob")
                        .userName())
                .contains("bob");
    }

    @Test
    void parse_bedrockApiKeyUser_isApiKey() {
        Principal p = Principal.parse("arn:aws:iam::123456789012:user/BedrockAPIKey-234s");
        assertThat(p.kind()).isEqualTo(PrincipalKind.API_KEY);
        assertThat(p.user()).contains("BedrockAPIKey-234s");
    }

    @Test
    void parse_assumedRole_hasRoleAndSession() {
        Principal p = Principal.parse("arn:aws:sts::123456789012:assumed-role/RoleName/session-name");
        assertThat(p.kind()).isEqualTo(PrincipalKind.ASSUMED_ROLE);
        assertThat(p.roleName()).contains("RoleName");
        assertThat(p.sessionName()).contains("session-name");
        assertThat(p.user()).contains("session-name");
    }

    @Test
    void parse_sessionNamedByEmail_isFederated() {
        Principal p = Principal.parse("arn:aws:sts::123456789012:assumed-role/RoleName/user@acme.org");
        assertThat(p.kind()).isEqualTo(PrincipalKind.FEDERATED);
        assertThat(p.user()).contains("user@acme.org");
    }

    @Test
    void parse_federatedUser_isFederated() {
        Principal p = Principal.parse("arn:aws:sts::123456789012:federated-user/carol");
        assertThat(p.kind()).isEqualTo(PrincipalKind.FEDERATED);
        assertThat(p.user()).contains("carol");
    }

    @Test
    void parse_otherPartitions_areAccepted() {
        assertThat(Principal.parse("arn:aws-cn:iam::123456789012:user/li").partition())
                .isEqualTo("aws-cn");
        assertThat(Principal.parse("arn:aws-us-gov:sts::123456789012:assumed-role/R/s")
                        .partition())
                .isEqualTo("aws-us-gov");
    }

    @Test
    void parse_rootAndRole_areKnownForms() {
        assertThat(Principal.parse("arn:aws:iam::123456789012:root").kind()).isEqualTo(PrincipalKind.USER);
        Principal role = Principal.parse("arn:aws:iam::123456789012:role/tally-dev");
        assertThat(role.roleName()).contains("tally-dev");
        assertThat(role.sessionName()).isEmpty();
    }

    @Test
    void parse_blank_isNone() {
        assertThat(Principal.parse("")).isEqualTo(Principal.NONE);
        assertThat(Principal.parse(null)).isEqualTo(Principal.NONE);
        assertThat(Principal.NONE.kind().label()).isEqualTo("none");
    }

    @Test
    void parse_malformed_namesTheArnAndTheForms() {
        assertThatThrownBy(() -> Principal.parse("arn:aws:s3:::bucket"))
                .isInstanceOfSatisfying(
                        TallyException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.USAGE))
                .hasMessageContaining("arn:aws:s3:::bucket")
                .hasMessageContaining("assumed-role/ROLE/SESSION");
        assertThatThrownBy(() -> Principal.parse("arn:aws:sts::123456789012:assumed-role/OnlyRole"))
                .isInstanceOf(TallyException.class);
        assertThatThrownBy(() -> Principal.parse("arn:aws:iam::12345:user/short-account"))
                .isInstanceOf(TallyException.class);
    }

    @Property
    void assumedRole_roundTripsRoleAndSession(
            @ForAll @AlphaChars @StringLength(min = 1, max = 40) String role,
            @ForAll @AlphaChars @NumericChars @StringLength(min = 2, max = 64) String session) {
        Principal p = Principal.assumedRole("aws", "123456789012", role, session);
        assertThat(p.roleName()).contains(role);
        assertThat(p.sessionName()).contains(session);
        assertThat(p.kind()).isEqualTo(PrincipalKind.ASSUMED_ROLE);
        assertThat(Principal.parse(p.arn())).isEqualTo(p);
    }
}
