package dev.tally.account.iam;

import dev.tally.core.error.TallyException;
import java.util.regex.Pattern;

/** An IAM role name: IAM's pattern {@code [\w+=,.@-]+}, 1 to 64 characters. */
public record RoleName(String value) {
    private static final Pattern PATTERN = Pattern.compile("[\\w+=,.@-]{1,64}");

    public RoleName {
        if (value == null || !PATTERN.matcher(value).matches()) {
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
