package dev.tally.gateway.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tally.core.error.TallyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The YAML config file: the flags' settings under the flags' names, plus {@code session-name}, {@code tags} and
 * {@code limits}. An unknown key or a bad value is one line naming the file and the key, before any port opens.
 *
 * <pre>
 * role-arn: arn:aws:iam::123456789012:role/bedrock-users
 * session-name: gw-{user}
 * tags: {Team: Department}
 * limits: {max-body: 20MiB, drain-timeout: 30s, sts-per-second: 500}
 * </pre>
 */
public final class ConfigFile {
    static final List<String> KEYS = List.of(
            "port",
            "bind",
            "tls-cert",
            "tls-key",
            "insecure",
            "upstream",
            "region",
            "role-arn",
            "ledger",
            "ledger-sync",
            "ledger-linger",
            "log-format",
            "clock",
            "session-name",
            "tags",
            "limits",
            "oidc",
            "metrics");
    static final List<String> LIMIT_KEYS = List.of(
            "max-body",
            "drain-timeout",
            "sts-per-second",
            "sts-max-wait",
            "sts-attempts",
            "cached-identities",
            "session-duration",
            "key-cache",
            "request-threads");
    static final List<String> OIDC_KEYS = List.of(
            "issuer",
            "audience",
            "jwks",
            "jwks-refresh",
            "jwks-min-refetch",
            "clock-skew",
            "user-claim",
            "session-name-claim",
            "tag-claims",
            "aws-tags");
    static final List<String> METRICS_KEYS = List.of("per-user");

    private ConfigFile() {}

    /** Applies the file's settings to {@code builder}; the caller applies flags after. */
    public static void apply(Path file, GatewayConfig.Builder builder) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw TallyException.usage("--config " + file + ": no such file");
        } catch (JsonProcessingException e) {
            throw TallyException.usage("--config " + file + ": not valid YAML at line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw TallyException.usage("--config " + file + ": cannot read it (" + e.getMessage() + ")");
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return;
        }
        try {
            applyRoot(root, builder);
        } catch (TallyException e) {
            throw TallyException.usage(file + ": " + e.getMessage());
        }
    }

    private static void applyRoot(JsonNode root, GatewayConfig.Builder b) {
        if (!root.isObject()) {
            throw TallyException.usage("expected a mapping of settings at the top level");
        }
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            String key = e.getKey();
            JsonNode v = e.getValue();
            switch (key) {
                case "port" -> b.port(Values.integer(key, scalar(key, v)));
                case "bind" -> b.bind(scalar(key, v));
                case "tls-cert" -> b.tlsCert(Path.of(scalar(key, v)));
                case "tls-key" -> b.tlsKey(Path.of(scalar(key, v)));
                case "insecure" -> b.insecure(Values.bool(key, scalar(key, v)));
                case "upstream" -> b.upstream(scalar(key, v));
                case "region" -> b.region(scalar(key, v));
                case "role-arn" -> b.roleArn(scalar(key, v));
                case "ledger" -> b.ledger(scalar(key, v));
                case "ledger-sync" -> b.ledgerSync(scalar(key, v));
                case "ledger-linger" -> b.ledgerLinger(scalar(key, v));
                case "log-format" -> b.logFormat(scalar(key, v));
                case "clock" -> b.clock(scalar(key, v));
                case "session-name" -> b.sessionNameTemplate(scalar(key, v));
                case "tags" ->
                    mapping(key, v).forEach(t -> b.tagMapping(t.getKey(), scalar("tags." + t.getKey(), t.getValue())));
                case "limits" -> b.limits(limits(v, b.limits()));
                case "oidc" -> b.oidc(oidc(v));
                case "metrics" -> {
                    for (Map.Entry<String, JsonNode> m : mapping(key, v)) {
                        if (!m.getKey().equals("per-user")) {
                            throw unknown("metrics." + m.getKey(), METRICS_KEYS);
                        }
                        String cap = scalar("metrics.per-user", m.getValue());
                        b.metricsUsers(
                                cap.equals("false") || cap.equals("off") ? 0 : Values.integer("metrics.per-user", cap));
                    }
                }
                default -> throw unknown(key, KEYS);
            }
        }
    }

    private static Limits limits(JsonNode node, Limits l) {
        long maxBody = l.maxBodyBytes();
        var drain = l.drainTimeout();
        int stsPerSecond = l.stsPerSecond();
        var stsMaxWait = l.stsMaxWait();
        int stsAttempts = l.stsAttempts();
        long cached = l.cachedIdentities();
        var session = l.sessionDuration();
        var keyCache = l.keyCacheTtl();
        int requestThreads = l.requestThreads();
        for (Map.Entry<String, JsonNode> e : mapping("limits", node)) {
            String key = "limits." + e.getKey();
            String v = scalar(key, e.getValue());
            switch (e.getKey()) {
                case "max-body" -> maxBody = Values.size(key, v);
                case "drain-timeout" -> drain = Values.duration(key, v);
                case "sts-per-second" -> stsPerSecond = Values.integer(key, v);
                case "sts-max-wait" -> stsMaxWait = Values.duration(key, v);
                case "sts-attempts" -> stsAttempts = Values.integer(key, v);
                case "cached-identities" -> cached = Values.integer(key, v);
                case "session-duration" -> session = Values.duration(key, v);
                case "key-cache" -> keyCache = Values.duration(key, v);
                case "request-threads" -> requestThreads = Values.integer(key, v);
                default -> throw unknown(key, LIMIT_KEYS);
            }
        }
        return new Limits(
                maxBody, drain, stsPerSecond, stsMaxWait, stsAttempts, cached, session, keyCache, requestThreads);
    }

    /**
     * <pre>
     * oidc:
     *   issuer: https://login.example.com/
     *   audience: tally-gateway          # or a list
     *   jwks: https://login.example.com/.well-known/jwks.json   # or a file
     *   user-claim: email                # default sub
     *   session-name-claim: email        # default: the user claim
     *   tag-claims: {Team: groups, CostCenter: cost_center}
     *   aws-tags: true                   # read https://aws.amazon.com/tags (default true)
     *   jwks-refresh: 10m
     *   jwks-min-refetch: 30s
     *   clock-skew: 60s
     * </pre>
     */
    private static Oidc oidc(JsonNode node) {
        String issuer = "";
        java.util.List<String> audiences = new java.util.ArrayList<>();
        String jwks = "";
        var refresh = Oidc.DEFAULT_REFRESH;
        var minRefetch = Oidc.DEFAULT_MIN_REFETCH;
        var skew = Oidc.DEFAULT_CLOCK_SKEW;
        String userClaim = "sub";
        String sessionNameClaim = null;
        Map<String, String> tagClaims = new java.util.LinkedHashMap<>();
        boolean awsTags = true;
        for (Map.Entry<String, JsonNode> e : mapping("oidc", node)) {
            String key = "oidc." + e.getKey();
            JsonNode v = e.getValue();
            switch (e.getKey()) {
                case "issuer" -> issuer = scalar(key, v);
                case "audience" -> {
                    if (v.isArray()) {
                        v.forEach(a -> audiences.add(scalar(key, a)));
                    } else {
                        audiences.add(scalar(key, v));
                    }
                }
                case "jwks" -> jwks = scalar(key, v);
                case "jwks-refresh" -> refresh = Values.duration(key, scalar(key, v));
                case "jwks-min-refetch" -> minRefetch = Values.duration(key, scalar(key, v));
                case "clock-skew" -> skew = Values.duration(key, scalar(key, v));
                case "user-claim" -> userClaim = scalar(key, v);
                case "session-name-claim" -> sessionNameClaim = scalar(key, v);
                case "tag-claims" ->
                    mapping(key, v).forEach(t -> {
                        if (t.getKey().equalsIgnoreCase("User")) {
                            throw TallyException.usage(key + ".User: User is always the user claim");
                        }
                        tagClaims.put(t.getKey(), scalar(key + "." + t.getKey(), t.getValue()));
                    });
                case "aws-tags" -> awsTags = Values.bool(key, scalar(key, v));
                default -> throw unknown(key, OIDC_KEYS);
            }
        }
        return new Oidc(
                issuer,
                audiences,
                jwks,
                refresh,
                minRefetch,
                skew,
                userClaim,
                sessionNameClaim == null ? userClaim : sessionNameClaim,
                tagClaims,
                awsTags);
    }

    private static Iterable<Map.Entry<String, JsonNode>> mapping(String key, JsonNode node) {
        if (!node.isObject()) {
            throw TallyException.usage(key + ": expected a mapping");
        }
        return node.properties();
    }

    private static String scalar(String key, JsonNode node) {
        if (!node.isValueNode() || node.isNull()) {
            throw TallyException.usage(key + ": expected a single value");
        }
        return node.asText();
    }

    private static TallyException unknown(String key, List<String> known) {
        return TallyException.usage("unknown key '" + key + "' (expected one of: " + String.join(", ", known) + ")");
    }
}
