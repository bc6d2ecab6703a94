package dev.tally.emulator.sts;

import dev.tally.emulator.auth.Identity;
import dev.tally.emulator.auth.SessionCredentials;
import java.util.OptionalInt;

/** STS's XML response shapes (Query API, version 2011-06-15). */
final class StsXml {
    static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

    private StsXml() {}

    static String assumeRole(SessionCredentials creds, String roleId, OptionalInt packedPolicySize, String requestId) {
        StringBuilder b = new StringBuilder(1024);
        b.append("<AssumeRoleResponse xmlns=\"")
                .append(NAMESPACE)
                .append("\">\n")
                .append("  <AssumeRoleResult>\n")
                .append("    <AssumedRoleUser>\n")
                .append("      <AssumedRoleId>")
                .append(escape(roleId))
                .append("</AssumedRoleId>\n")
                .append("      <Arn>")
                .append(escape(creds.identity().arn()))
                .append("</Arn>\n")
                .append("    </AssumedRoleUser>\n")
                .append("    <Credentials>\n")
                .append("      <AccessKeyId>")
                .append(creds.accessKeyId())
                .append("</AccessKeyId>\n")
                .append("      <SecretAccessKey>")
                .append(escape(creds.secretAccessKey()))
                .append("</SecretAccessKey>\n")
                .append("      <SessionToken>")
                .append(escape(creds.sessionToken()))
                .append("</SessionToken>\n")
                .append("      <Expiration>")
                .append(creds.expiration())
                .append("</Expiration>\n")
                .append("    </Credentials>\n");
        packedPolicySize.ifPresent(
                size -> b.append("    <PackedPolicySize>").append(size).append("</PackedPolicySize>\n"));
        b.append("  </AssumeRoleResult>\n");
        metadata(b, requestId);
        return b.append("</AssumeRoleResponse>\n").toString();
    }

    static String callerIdentity(Identity identity, String requestId) {
        StringBuilder b = new StringBuilder(512);
        b.append("<GetCallerIdentityResponse xmlns=\"")
                .append(NAMESPACE)
                .append("\">\n")
                .append("  <GetCallerIdentityResult>\n")
                .append("    <Arn>")
                .append(escape(identity.arn()))
                .append("</Arn>\n")
                .append("    <UserId>")
                .append(escape(identity.userId()))
                .append("</UserId>\n")
                .append("    <Account>")
                .append(identity.accountId())
                .append("</Account>\n")
                .append("  </GetCallerIdentityResult>\n");
        metadata(b, requestId);
        return b.append("</GetCallerIdentityResponse>\n").toString();
    }

    static String error(StsError error, String requestId) {
        return "<ErrorResponse xmlns=\"" + NAMESPACE + "\">\n"
                + "  <Error>\n"
                + "    <Type>" + error.type() + "</Type>\n"
                + "    <Code>" + error.code() + "</Code>\n"
                + "    <Message>" + escape(error.getMessage()) + "</Message>\n"
                + "  </Error>\n"
                + "  <RequestId>" + requestId + "</RequestId>\n"
                + "</ErrorResponse>\n";
    }

    private static void metadata(StringBuilder b, String requestId) {
        b.append("  <ResponseMetadata>\n    <RequestId>")
                .append(requestId)
                .append("</RequestId>\n  </ResponseMetadata>\n");
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
