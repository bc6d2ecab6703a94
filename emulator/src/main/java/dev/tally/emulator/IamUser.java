package dev.tally.emulator;

import static java.util.Objects.requireNonNull;

import dev.tally.core.aws.AwsLimits;
import dev.tally.core.error.TallyException;
import java.util.regex.Pattern;

/**
 * A long-term IAM identity that may sign calls: its user name and access key pair. The default is AWS's own
 * documented example pair, so every tutorial's copy-pasted credentials work against the emulator.
 */
public record IamUser(String name, String accessKeyId, String secretAccessKey) {
    private static final Pattern KEY_ID = Pattern.compile("AKIA[A-Z0-9]{12,124}");
    public static final IamUser DEFAULT =
            new IamUser("developer", "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");

    public IamUser {
        requireNonNull(name, "name is null");
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(secretAccessKey, "secretAccessKey is null");
        if (!AwsLimits.isIamName(name)) {
            throw TallyException.usage(
                    "IAM user name '" + name + "' is not valid (1-64 characters from letters, digits and _+=,.@-)");
        }
        if (!KEY_ID.matcher(accessKeyId).matches()) {
            throw TallyException.usage("access key id of IAM user '" + name
                    + "' must look like AKIA followed by 16 upper-case letters or digits");
        }
        if (secretAccessKey.isEmpty()) {
            throw TallyException.usage("secret access key of IAM user '" + name + "' is empty");
        }
    }

    /** Parses {@code NAME:ACCESS_KEY_ID:SECRET}; the secret may itself hold colons. */
    public static IamUser parse(String spec) {
        String[] parts = spec.split(":", 3);
        if (parts.length != 3) {
            throw TallyException.invalidSetting(
                    "iam-user",
                    " expects NAME:ACCESS_KEY_ID:SECRET, got a value with " + (parts.length - 1) + " colon(s)");
        }
        return new IamUser(parts[0], parts[1], parts[2]);
    }

    public String arn(String accountId) {
        return "arn:aws:iam::" + accountId + ":user/" + name;
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "IamUser[name=" + name + ", accessKeyId=" + accessKeyId + "]";
    }
}
