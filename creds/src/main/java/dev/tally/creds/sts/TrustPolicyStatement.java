package dev.tally.creds.sts;

import dev.tally.core.error.TallyException;
import dev.tally.core.io.JsonWriter;
import dev.tally.core.principal.Principal;

/**
 * The trust-policy statement a role needs so that a principal may open tagged sessions on it: AssumeRole
 * and TagSession together (aws-facts.md section 2; without TagSession a tagged call is a plain
 * AccessDenied).
 */
public record TrustPolicyStatement(String principalArn) {
    /**
     * For a caller that is itself a role session, the trust policy names the role, not the session (the
     * session ARN drops a role path: if the role has one, add it).
     */
    public static TrustPolicyStatement forCaller(String callerArn) {
        try {
            Principal p = Principal.parse(callerArn);
            if (p.sessionName().isPresent() && p.roleName().isPresent()) {
                return new TrustPolicyStatement("arn:" + p.partition() + ":iam::" + p.accountId() + ":role/"
                        + p.roleName().get());
            }
        } catch (TallyException e) {
            // not a form Principal knows: name it as STS did
        }
        return new TrustPolicyStatement(callerArn);
    }

    public String json() {
        return JsonWriter.compact()
                .beginObject()
                .name("Effect")
                .value("Allow")
                .name("Principal")
                .beginObject()
                .name("AWS")
                .value(principalArn)
                .endObject()
                .name("Action")
                .beginArray()
                .value("sts:AssumeRole")
                .value("sts:TagSession")
                .endArray()
                .endObject()
                .toString();
    }
}
