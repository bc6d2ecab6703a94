package dev.tally.emulator;

import static java.util.Objects.requireNonNull;

import dev.tally.core.error.TallyException;
import dev.tally.core.price.PriceCatalog;
import dev.tally.core.usage.RegionCode;
import dev.tally.emulator.clock.ClockSpec;
import dev.tally.emulator.fault.FaultSpec;
import dev.tally.emulator.fault.LatencySpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Everything an emulator is started with. Defaults: port 0 (ephemeral), account 123456789012, region
 * us-east-1, one IAM user {@code developer} with AWS's documented example key pair, one role
 * {@code tally-dev} that allows tagged sessions, no API keys, no CUR output, hourly granularity, export
 * name {@code tally-emulator}, no faults or latency, real time, the built-in price catalog, a flush every
 * 10 seconds, 500 cells per Cost Explorer page.
 */
public record EmulatorConfig(
        int port,
        String accountId,
        String region,
        List<IamUser> users,
        List<Role> roles,
        List<ApiKey> apiKeys,
        Optional<Path> curOut,
        String exportName,
        Granularity granularity,
        FaultSpec faults,
        LatencySpec latency,
        ClockSpec clock,
        PriceCatalog catalog,
        Duration flushInterval,
        int costExplorerPageSize) {

    public static final String DEFAULT_ACCOUNT = "123456789012";
    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_EXPORT_NAME = "tally-emulator";
    /** Cells per GetCostAndUsage page (and values per GetDimensionValues page) unless a test asks for fewer. */
    public static final int DEFAULT_COST_EXPLORER_PAGE_SIZE = 500;

    public EmulatorConfig {
        requireNonNull(accountId, "accountId is null");
        requireNonNull(region, "region is null");
        users = List.copyOf(requireNonNull(users, "users is null"));
        roles = List.copyOf(requireNonNull(roles, "roles is null"));
        apiKeys = List.copyOf(requireNonNull(apiKeys, "apiKeys is null"));
        requireNonNull(curOut, "curOut is null");
        requireNonNull(exportName, "exportName is null");
        requireNonNull(granularity, "granularity is null");
        requireNonNull(faults, "faults is null");
        requireNonNull(latency, "latency is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(catalog, "catalog is null");
        requireNonNull(flushInterval, "flushInterval is null");
        if (port < 0 || port > 65535) {
            throw TallyException.invalidSetting("port", " must be 0 to 65535, got " + port);
        }
        if (!accountId.matches("\\d{12}")) {
            throw TallyException.invalidSetting("account", " must be 12 digits, got '" + accountId + "'");
        }
        if (RegionCode.code(region).isEmpty()) {
            throw TallyException.invalidSetting(
                    "region", " '" + region + "' is not an AWS region with a billing code (e.g. us-east-1, eu-west-1)");
        }
        if (users.isEmpty()) {
            throw TallyException.invalidSetting("iam-user", ": at least one is needed to sign calls");
        }
        Set<String> keys = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (IamUser u : users) {
            if (!keys.add(u.accessKeyId())) {
                throw TallyException.usage("access key id " + u.accessKeyId() + " is declared twice");
            }
            if (!names.add(u.name())) {
                throw TallyException.usage("IAM user '" + u.name() + "' is declared twice");
            }
        }
        Set<String> roleNames = new HashSet<>();
        for (Role r : roles) {
            if (!roleNames.add(r.name())) {
                throw TallyException.usage("role '" + r.name() + "' is declared twice");
            }
        }
        if (!exportName.matches("[A-Za-z0-9_-]{1,128}")) {
            throw TallyException.usage(
                    "export name must be 1-128 letters, digits, '-' or '_', got '" + exportName + "'");
        }
        if (flushInterval.isNegative() || flushInterval.isZero()) {
            throw TallyException.usage("flush interval must be positive");
        }
        if (costExplorerPageSize < 1) {
            throw TallyException.usage("Cost Explorer page size must be positive, got " + costExplorerPageSize);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static EmulatorConfig defaults() {
        return builder().build();
    }

    /** Builds a config; any list left empty gets the documented default. */
    public static final class Builder {
        private int port;
        private String accountId = DEFAULT_ACCOUNT;
        private String region = DEFAULT_REGION;
        private final List<IamUser> users = new ArrayList<>();
        private final List<Role> roles = new ArrayList<>();
        private final List<ApiKey> apiKeys = new ArrayList<>();
        private @Nullable Path curOut;
        private String exportName = DEFAULT_EXPORT_NAME;
        private Granularity granularity = Granularity.HOURLY;
        private FaultSpec faults = FaultSpec.NONE;
        private LatencySpec latency = LatencySpec.NONE;
        private ClockSpec clock = ClockSpec.REAL_TIME;
        private PriceCatalog catalog = PriceCatalog.builtIn();
        private Duration flushInterval = Duration.ofSeconds(10);
        private int costExplorerPageSize = DEFAULT_COST_EXPLORER_PAGE_SIZE;

        private Builder() {}

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder accountId(String accountId) {
            this.accountId = accountId;
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder user(IamUser user) {
            users.add(requireNonNull(user, "user is null"));
            return this;
        }

        public Builder role(Role role) {
            roles.add(requireNonNull(role, "role is null"));
            return this;
        }

        public Builder apiKey(ApiKey key) {
            apiKeys.add(requireNonNull(key, "key is null"));
            return this;
        }

        public Builder curOut(Path directory) {
            this.curOut = directory;
            return this;
        }

        public Builder exportName(String exportName) {
            this.exportName = exportName;
            return this;
        }

        public Builder granularity(Granularity granularity) {
            this.granularity = granularity;
            return this;
        }

        public Builder faults(FaultSpec faults) {
            this.faults = faults;
            return this;
        }

        public Builder latency(LatencySpec latency) {
            this.latency = latency;
            return this;
        }

        public Builder clock(ClockSpec clock) {
            this.clock = clock;
            return this;
        }

        public Builder catalog(PriceCatalog catalog) {
            this.catalog = catalog;
            return this;
        }

        public Builder flushInterval(Duration flushInterval) {
            this.flushInterval = flushInterval;
            return this;
        }

        /** How many cells a GetCostAndUsage page holds: small values let tests exercise NextPageToken. */
        public Builder costExplorerPageSize(int costExplorerPageSize) {
            this.costExplorerPageSize = costExplorerPageSize;
            return this;
        }

        public EmulatorConfig build() {
            return new EmulatorConfig(
                    port,
                    accountId,
                    region,
                    users.isEmpty() ? List.of(IamUser.DEFAULT) : users,
                    roles.isEmpty() ? List.of(Role.DEFAULT) : roles,
                    apiKeys,
                    Optional.ofNullable(curOut),
                    exportName,
                    granularity,
                    faults,
                    latency,
                    clock,
                    catalog,
                    flushInterval,
                    costExplorerPageSize);
        }
    }
}
