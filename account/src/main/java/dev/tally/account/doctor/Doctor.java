package dev.tally.account.doctor;

import static java.util.Objects.requireNonNull;
import static java.util.Objects.requireNonNullElse;

import dev.tally.account.AwsClients;
import dev.tally.account.export.DataExports;
import dev.tally.account.export.ExportSummary;
import dev.tally.account.iam.RoleCheck;
import dev.tally.account.iam.RoleName;
import dev.tally.account.iam.RoleReader;
import dev.tally.account.iam.RoleSnapshot;
import dev.tally.account.tags.CostAllocationTags;
import dev.tally.account.tags.TagStatus;
import dev.tally.aws.AwsCall;
import dev.tally.core.aws.AwsLimits;
import dev.tally.core.error.TallyException;
import dev.tally.creds.CredsArguments;
import dev.tally.creds.CredsOption;
import dev.tally.creds.CredsRequest;
import dev.tally.creds.ProcessEnvironment;
import dev.tally.creds.SourceCredentials;
import dev.tally.creds.sts.RoleAssumer;
import dev.tally.creds.sts.SourceProfiles;
import dev.tally.creds.sts.TrustPolicyStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.bcmdataexports.BcmDataExportsClient;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * {@code tally doctor}: checks, in the order a setup is built, everything Bedrock cost attribution needs
 * from an account and a laptop, with the developer's own source credentials (the identity the role must
 * trust). Each check is one {@link Finding}; a check whose prerequisite failed is skipped, not guessed.
 */
public final class Doctor {
    /** The session tags Tally's sessions carry, which must be active cost allocation tags. */
    static final List<String> ATTRIBUTION_TAGS = List.of("Project", "User");

    static final String SOURCE = "source credentials resolve";
    static final String ROLE = "role exists";
    static final String TRUST = "trust allows tagged sessions";
    static final String PERMISSIONS = "permissions cover Bedrock invoke";
    static final String TAGS = "Project and User are active cost allocation tags";
    static final String EXPORT = "a CUR 2.0 export includes IAM principal data";

    /** The source check's outcome: who the credentials are, and clients that use them, when they resolve. */
    private record Source(Finding finding, Optional<String> caller, Optional<AwsClients> clients) {}

    /** The role check's outcome, and the role as IAM has it when it could be read. */
    private record RoleLookup(Finding finding, Optional<RoleSnapshot> snapshot) {}

    private final ProcessEnvironment env;

    public Doctor(ProcessEnvironment env) {
        this.env = requireNonNull(env, "env is null");
    }

    /** Every finding, for the local profile {@code profileName} and the role to check (else the profile's). */
    public List<Finding> examine(String profileName, Optional<String> roleArnOption) {
        LocalProfile profile = LocalProfile.read(profileName, env);
        CredsArguments args = profile.credsArguments();
        Optional<String> roleArn = roleArnOption.or(() -> CredsRequest.roleArnOf(args, env));
        // A malformed ARN is the user's mistake: said before any call, not as a failed check with the wrong fix.
        Optional<RoleName> roleName = roleArn.map(RoleReader::nameOf);
        List<Finding> findings = new ArrayList<>();
        Source source = source(args);
        findings.add(source.finding());
        if (source.caller().isEmpty()) {
            for (String check : List.of(ROLE, TRUST, PERMISSIONS, TAGS, EXPORT)) {
                findings.add(Finding.skipped(check, "source credentials"));
            }
        } else {
            AwsClients aws = source.clients().orElseThrow();
            String trusted =
                    TrustPolicyStatement.forCaller(source.caller().get()).principalArn();
            RoleLookup role = role(roleArn, roleName, profileName, aws, trusted);
            findings.add(role.finding());
            findings.add(roleArn.map(arn -> trust(arn, roleName.orElseThrow(), args, role.snapshot(), trusted))
                    .orElse(Finding.skipped(TRUST, "a role")));
            findings.add(role.snapshot()
                    .map(r -> permissions(r, trusted))
                    .orElse(Finding.skipped(PERMISSIONS, "the role read from IAM")));
            findings.add(tags(aws));
            findings.add(export(aws));
        }
        findings.add(profileUsesTallyCreds(profile, roleArn));
        return findings;
    }

    /** The source credentials {@code tally creds} would use, proven with GetCallerIdentity. */
    private Source source(CredsArguments args) {
        SourceCredentials source = CredsRequest.sourceOf(args, env);
        String name = source.named() || source.environmentAccessKeyId().isEmpty()
                ? "profile '" + source.profile() + "'"
                : "AWS_ACCESS_KEY_ID";
        try {
            AwsClients aws = AwsClients.using(SourceProfiles.provider(source, env));
            String caller;
            try (StsClient sts = aws.sts()) {
                caller = AwsCall.of("STS", "GetCallerIdentity", "valid credentials")
                        .run(() -> sts.getCallerIdentity().arn());
            }
            return new Source(Finding.pass(SOURCE, caller + " (" + name + ")"), Optional.of(caller), Optional.of(aws));
        } catch (TallyException e) {
            String why = lineOf(e).replaceFirst("^creds: ", "");
            String configure = "aws configure --profile " + source.profile()
                    + " (static keys), or aws sso login --profile " + source.profile();
            return new Source(
                    Finding.fail(
                            SOURCE,
                            why.contains("'" + source.profile() + "'") ? why : why + " (" + name + ")",
                            CheckFix.endpointAtFault(e) ? CheckFix.STS.of(e, env, configure) : configure),
                    Optional.empty(),
                    Optional.empty());
        }
    }

    private RoleLookup role(
            Optional<String> roleArn, Optional<RoleName> roleName, String profileName, AwsClients aws, String trusted) {
        if (roleArn.isEmpty()) {
            return new RoleLookup(
                    Finding.fail(
                            ROLE,
                            "no role to check: the profile's tally creds has no --role-arn and TALLY_ROLE_ARN is unset",
                            "tally doctor --role-arn arn:aws:iam::ACCOUNT:role/NAME, or tally setup profile --name "
                                    + profileName + " --role-arn ARN"),
                    Optional.empty());
        }
        try (IamClient iam = aws.iam()) {
            Optional<RoleSnapshot> snapshot = new RoleReader(iam).read(roleName.orElseThrow());
            return new RoleLookup(
                    snapshot.isPresent()
                            ? Finding.pass(ROLE, snapshot.get().arn())
                            : Finding.fail(
                                    ROLE,
                                    "IAM has no role " + roleArn.get(),
                                    "tally iam apply --role-name "
                                            + roleName.orElseThrow().value() + " --principal " + trusted),
                    snapshot);
        } catch (TallyException e) {
            return new RoleLookup(
                    Finding.fail(
                            ROLE,
                            lineOf(e),
                            CheckFix.IAM.of(
                                    e,
                                    env,
                                    "run tally doctor with credentials that may call iam:GetRole, or grant it to "
                                            + trusted)),
                    Optional.empty());
        }
    }

    /** The trust policy read, then proven: one tagged AssumeRole, diagnosed as {@code tally creds} does. */
    private Finding trust(
            String roleArn, RoleName roleName, CredsArguments args, Optional<RoleSnapshot> role, String trusted) {
        String fix = "tally iam apply --role-name " + roleName.value() + " --principal " + trusted
                + ", or add to the trust policy: " + new TrustPolicyStatement(trusted).json();
        List<String> unread =
                role.map(r -> RoleCheck.of(r).missingTrustActions(trusted)).orElse(List.of());
        try {
            RoleAssumer.assume(proofRequest(roleArn, args), env, Instant.now());
        } catch (TallyException e) {
            return Finding.fail(TRUST, lineOf(e).replaceFirst("^creds: ", ""), fix);
        }
        String read = role.isEmpty()
                ? "policy not read"
                : unread.isEmpty()
                        ? "the trust policy allows " + trusted + " sts:AssumeRole and sts:TagSession"
                        : "the trust policy does not plainly allow " + String.join(", ", unread)
                                + " (granted another way)";
        return Finding.pass(TRUST, "a tagged AssumeRole on " + roleArn + " succeeded; " + read);
    }

    private CredsRequest proofRequest(String roleArn, CredsArguments args) {
        Map<CredsOption, List<String>> values = new EnumMap<>(CredsOption.class);
        values.putAll(args.values());
        values.put(CredsOption.ROLE_ARN, List.of(roleArn));
        values.put(CredsOption.PROJECT, List.of("tally-doctor"));
        values.put(CredsOption.NO_CACHE, List.of("true"));
        values.put(CredsOption.DURATION, List.of(String.valueOf(AwsLimits.SESSION_DURATION_MIN)));
        return CredsRequest.resolve(CredsArguments.of(values), env);
    }

    private static Finding permissions(RoleSnapshot role, String trusted) {
        List<String> missing = RoleCheck.of(role).missingInvokeActions();
        if (missing.isEmpty()) {
            return Finding.pass(
                    PERMISSIONS,
                    "the role's policies allow " + String.join(" and ", RoleCheck.REQUIRED_INVOKE_ACTIONS)
                            + " on every model and inference profile");
        }
        return Finding.fail(
                PERMISSIONS,
                "the role's policies do not allow " + String.join(", ", missing)
                        + " on every model and inference profile",
                "tally iam apply --role-name " + role.roleName() + " --principal " + trusted
                        + " (adds the inline policy tally-bedrock-invoke)");
    }

    private Finding tags(AwsClients aws) {
        try (CostExplorerClient ce = aws.costExplorer()) {
            CostAllocationTags tags = new CostAllocationTags(ce);
            List<TagStatus> known = tags.list(List.of());
            List<String> unknown = new ArrayList<>();
            List<String> inactive = new ArrayList<>();
            List<String> active = new ArrayList<>();
            for (String name : ATTRIBUTION_TAGS) {
                Optional<TagStatus> status = CostAllocationTags.resolve(name, known);
                if (status.isEmpty()) {
                    unknown.add(name);
                } else if (status.get().active()) {
                    active.add(status.get().key());
                } else {
                    inactive.add(status.get().key());
                }
            }
            if (!unknown.isEmpty()) {
                return Finding.fail(
                        TAGS,
                        "Cost Explorer knows no " + String.join(" or ", unknown)
                                + " tag yet: a key appears only after a call carrying it is billed (allow 24 h)",
                        "make one Bedrock call through tally creds (tally run -- claude -p hi), then: tally tags activate iamPrincipal/"
                                + String.join(" iamPrincipal/", ATTRIBUTION_TAGS) + " (activation takes up to 48 h)");
            }
            if (!inactive.isEmpty()) {
                return Finding.fail(
                        TAGS,
                        String.join(", ", inactive) + " inactive: spend does not group by it",
                        "tally tags activate " + String.join(" ", inactive) + " (takes up to 48 h; not retroactive)");
            }
            return Finding.pass(TAGS, String.join(", ", active) + " active");
        } catch (TallyException e) {
            return Finding.fail(
                    TAGS,
                    lineOf(e),
                    CheckFix.COST_EXPLORER.of(
                            e, env, "run tally doctor with credentials that may call ce:ListCostAllocationTags"));
        }
    }

    private Finding export(AwsClients aws) {
        try (BcmDataExportsClient client = aws.dataExports()) {
            List<ExportSummary> all = new DataExports(client).list();
            List<String> good = all.stream()
                    .filter(ExportSummary::attributesBedrockCost)
                    .map(ExportSummary::name)
                    .toList();
            if (!good.isEmpty()) {
                return Finding.pass(EXPORT, String.join(", ", good));
            }
            Optional<ExportSummary> cur2 =
                    all.stream().filter(ExportSummary::cur2).findFirst();
            return cur2.map(e -> Finding.fail(
                            EXPORT,
                            "CUR 2.0 export " + e.name() + " lacks IAM principal data (INCLUDE_IAM_PRINCIPAL_DATA)",
                            "tally export create --name " + e.name()
                                    + " --bucket BUCKET --prefix PREFIX (updates it in place)"))
                    .orElse(Finding.fail(
                            EXPORT,
                            "the account has no CUR 2.0 export"
                                    + (all.isEmpty() ? "" : " (only " + all.size() + " other export(s))"),
                            "tally export create --name tally-cur2 --bucket BUCKET --prefix cur2"));
        } catch (TallyException e) {
            return Finding.fail(
                    EXPORT,
                    lineOf(e),
                    CheckFix.DATA_EXPORTS.of(
                            e, env, "run tally doctor with credentials that may call bcm-data-exports:ListExports"));
        }
    }

    private static Finding profileUsesTallyCreds(LocalProfile profile, Optional<String> roleArn) {
        String check = "AWS profile " + profile.name() + " uses tally creds";
        String fix = "tally setup profile --name " + profile.name()
                + roleArn.map(r -> " --role-arn " + r).orElse(" --role-arn ARN");
        if (!profile.exists()) {
            return Finding.fail(check, profile.configFile() + " has no profile " + profile.name(), fix);
        }
        if (profile.credentialProcess().isEmpty()) {
            return Finding.fail(check, "profile " + profile.name() + " has no credential_process", fix);
        }
        if (profile.tallyCredsOptions().isEmpty()) {
            return Finding.fail(
                    check,
                    "its credential_process runs " + profile.credentialProcess().get(0) + ", not tally creds",
                    fix);
        }
        return Finding.pass(check, "credential_process = " + String.join(" ", profile.credentialProcess()));
    }

    /** A TallyException's one line: its constructors take a non-null message, which getMessage cannot say. */
    private static String lineOf(TallyException e) {
        return requireNonNullElse(e.getMessage(), e.kind().name());
    }
}
