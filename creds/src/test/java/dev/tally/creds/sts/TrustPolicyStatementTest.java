package dev.tally.creds.sts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrustPolicyStatementTest {
    @Test
    void json_namesTheRoleOfASessionCaller() {
        assertThat(TrustPolicyStatement.forCaller("arn:aws:sts::123456789012:assumed-role/dev/alice")
                        .json())
                .isEqualTo("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:role/dev\"},"
                        + "\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}");
    }

    @Test
    void json_escapesACallerArnItCouldNotParse() {
        assertThat(TrustPolicyStatement.forCaller("not \"an\" arn\\").json())
                .startsWith("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"not \\\"an\\\" arn\\\\\"}");
    }
}
