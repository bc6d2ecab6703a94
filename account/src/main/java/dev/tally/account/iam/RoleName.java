package dev.tally.account.iam;

import dev.tally.core.aws.AwsLimits;
import dev.tally.core.error.TallyException;

/** An IAM role name: IAM's pattern {@code [\w+=,.@-]+}, 1 to 64 characters. */
public record RoleName(String value) {
    public RoleName {
        if (!AwsLimits.isIamName(value)) {
            throw TallyException.usage("role name '" + value + "' is not a valid IAM role name "
                    + "(1 to 64 characters from letters, digits and + = , . @ _ -)");
        }
    }

    public static RoleName of(String value) {
        return new RoleName(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
