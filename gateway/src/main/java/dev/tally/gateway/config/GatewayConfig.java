package dev.tally.gateway.config;

import static java.util.Objects.requireNonNull;

import dev.tally.core.error.TallyException;
import dev.tally.ledger.Ledger;
import dev.tally.ledger.SyncMode;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Everything {@code tally gateway} runs with: the settings of its flags, plus the session-name template, the tag
 * mapping and the limits, which only the config file sets. Built by a {@link Builder} that the config file fills
 * first and the flags after, so flags win.
 *
 * @param upstream one endpoint for STS, Bedrock runtime and control plane ({@code tally emulator}); empty means
 *     the real regional endpoints over TLS
 * @param sessionNameTemplate the AssumeRole session name, {@code {user}} replaced by the key's user, then sanitized
 *     by core's STS rules
 * @param tagMapping renames a key's tag before it becomes a session tag ({@code Team: Department}); an empty name
 *     drops the tag. {@code User} is always sent as {@code User}.
 * @param oidc company identity tokens accepted beside keys (config file {@code oidc:}); empty: keys only
 * @param metricsUsers how many users get their own {@code /metrics} series (the rest are {@code other}); 0, the
 *     default, keeps user names out of the metrics
 */
public record GatewayConfig(
        int port,
        String bind,
        Optional<Path> tlsCert,
        Optional<Path> tlsKey,
        boolean insecure,
        Optional<URI> upstream,
        String region,
        String roleArn,
        String ledger,
        SyncMode ledgerSync,
        Duration ledgerLinger,
        LogFormat logFormat,
        Optional<String> clock,
        String sessionNameTemplate,
        Map<String, String> tagMapping,
        Limits limits,
        Optional<Oidc> oidc,
        int metricsUsers) {

    public static final int DEFAULT_PORT = 8787;
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final String DEFAULT_LEDGER = "tally-ledger.db";
    public static final String DEFAULT_SESSION_NAME = "gw-{user}";
    private static final Duration MAX_LINGER = Duration.ofSeconds(1);

    public GatewayConfig {
        requireNonNull(bind, "bind is null");
        requireNonNull(tlsCert, "tlsCert is null");
        requireNonNull(tlsKey, "tlsKey is null");
        requireNonNull(upstream, "upstream is null");
        requireNonNull(region, "region is null");
        requireNonNull(roleArn, "roleArn is null");
        requireNonNull(ledger, "ledger is null");
        requireNonNull(ledgerSync, "ledgerSync is null");
        requireNonNull(ledgerLinger, "ledgerLinger is null");
        requireNonNull(logFormat, "logFormat is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(sessionNameTemplate, "sessionNameTemplate is null");
        tagMapping = Map.copyOf(requireNonNull(tagMapping, "tagMapping is null"));
        requireNonNull(limits, "limits is null");
        requireNonNull(oidc, "oidc is null");
        if (metricsUsers < 0) {
            throw TallyException.usage("metrics.per-user: expected 0 (off) or a positive cap, got " + metricsUsers);
        }
    }

    public boolean tls() {
        return tlsCert.isPresent();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Mutable while the config file and then the flags are applied; {@link #build} checks the whole. */
    public static final class Builder {
        private int port = DEFAULT_PORT;
        private String bind = DEFAULT_BIND;
        private @Nullable Path tlsCert;
        private @Nullable Path tlsKey;
        private boolean insecure;
        private @Nullable URI upstream;
        private String region = "us-east-1";
        private @Nullable String roleArn;
        private String ledger = DEFAULT_LEDGER;
        private SyncMode ledgerSync = SyncMode.NORMAL;
        private Duration ledgerLinger = Ledger.DEFAULT_LINGER;
        private LogFormat logFormat = LogFormat.TEXT;
        private @Nullable String clock;
        private String sessionNameTemplate = DEFAULT_SESSION_NAME;
        private final Map<String, String> tagMapping = new LinkedHashMap<>();
        private Limits limits = Limits.DEFAULTS;
        private @Nullable Oidc oidc;
        private int metricsUsers;

        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw TallyException.usage("--port: expected 0 to 65535, got " + port);
            }
            this.port = port;
            return this;
        }

        public Builder bind(String bind) {
            this.bind = requireNonNull(bind, "bind is null");
            return this;
        }

        public Builder tlsCert(Path tlsCert) {
            this.tlsCert = tlsCert;
            return this;
        }

        public Builder tlsKey(Path tlsKey) {
            this.tlsKey = tlsKey;
            return this;
        }

        public Builder insecure(boolean insecure) {
            this.insecure = insecure;
            return this;
        }

        public Builder upstream(String url) {
            URI uri;
            try {
                uri = URI.create(url.strip());
            } catch (IllegalArgumentException e) {
                throw TallyException.usage(
                        "--upstream: expected a URL such as http://127.0.0.1:4566, got '" + url + "'");
            }
            if (uri.getScheme() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                throw TallyException.usage("--upstream: expected an http:// or https:// URL, got '" + url + "'");
            }
            String s = uri.toString();
            this.upstream = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
            return this;
        }

        public Builder region(String region) {
            if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
                throw TallyException.usage("--region: expected a region such as us-east-1, got '" + region + "'");
            }
            this.region = region;
            return this;
        }

        public Builder roleArn(String roleArn) {
            if (!roleArn.matches("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+")) {
                throw TallyException.usage(
                        "--role-arn: expected a role ARN such as arn:aws:iam::123456789012:role/bedrock-users, got '"
                                + roleArn + "'");
            }
            this.roleArn = roleArn;
            return this;
        }

        public Builder ledger(String ledger) {
            if (ledger.isBlank()) {
                throw TallyException.usage("--ledger: expected a file path or a jdbc: URL");
            }
            this.ledger = ledger;
            return this;
        }

        public Builder ledgerSync(String sync) {
            this.ledgerSync = switch (sync.strip()) {
                case "normal" -> SyncMode.NORMAL;
                case "full" -> SyncMode.FULL;
                default -> throw TallyException.usage("--ledger-sync: expected normal or full, got '" + sync + "'");
            };
            return this;
        }

        /** As a duration ({@code 3ms}); at most a second, since every request in a batch may wait that long. */
        public Builder ledgerLinger(String linger) {
            Duration d = Values.duration("--ledger-linger", linger);
            if (d.compareTo(MAX_LINGER) > 0) {
                throw TallyException.usage(
                        "--ledger-linger: expected at most 1s (every request may wait that long), got '" + linger
                                + "'");
            }
            this.ledgerLinger = d;
            return this;
        }

        public Builder logFormat(String format) {
            this.logFormat = LogFormat.parse("--log-format", format);
            return this;
        }

        public Builder clock(String clock) {
            this.clock = clock;
            return this;
        }

        public Builder sessionNameTemplate(String template) {
            if (!template.contains("{user}")) {
                throw TallyException.usage(
                        "session-name: the template must contain {user}, or every user shares one session name: '"
                                + template + "'");
            }
            this.sessionNameTemplate = template;
            return this;
        }

        public Builder tagMapping(String from, String to) {
            if (from.equalsIgnoreCase("User")) {
                throw TallyException.usage("tags.User: the User tag is always sent as User and cannot be renamed");
            }
            tagMapping.put(from, to);
            return this;
        }

        public Builder limits(Limits limits) {
            this.limits = requireNonNull(limits, "limits is null");
            return this;
        }

        public Limits limits() {
            return limits;
        }

        public Builder oidc(Oidc oidc) {
            this.oidc = requireNonNull(oidc, "oidc is null");
            return this;
        }

        public Builder metricsUsers(int cap) {
            this.metricsUsers = cap;
            return this;
        }

        public GatewayConfig build() {
            if (roleArn == null) {
                throw TallyException.usage(
                        "--role-arn: required (the role every user's session is assumed on), or role-arn in --config");
            }
            if ((tlsCert == null) != (tlsKey == null)) {
                throw TallyException.usage("--tls-cert and --tls-key: give both or neither");
            }
            if (tlsCert == null && !insecure && !loopback(bind)) {
                throw TallyException.usage("--bind " + bind
                        + ": keys travel in headers, so a non-loopback address needs --tls-cert and --tls-key"
                        + " (or --insecure to accept plain HTTP)");
            }
            return new GatewayConfig(
                    port,
                    bind,
                    Optional.ofNullable(tlsCert),
                    Optional.ofNullable(tlsKey),
                    insecure,
                    Optional.ofNullable(upstream),
                    region,
                    roleArn,
                    ledger,
                    ledgerSync,
                    ledgerLinger,
                    logFormat,
                    Optional.ofNullable(clock),
                    sessionNameTemplate,
                    tagMapping,
                    limits,
                    Optional.ofNullable(oidc),
                    metricsUsers);
        }

        private static boolean loopback(String address) {
            try {
                return InetAddress.getByName(address).isLoopbackAddress();
            } catch (UnknownHostException e) {
                throw TallyException.usage("--bind: cannot resolve '" + address + "'");
            }
        }
    }
}
