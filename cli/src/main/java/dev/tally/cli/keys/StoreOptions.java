package dev.tally.cli.keys;

import dev.tally.cli.gateway.AdminClient;
import dev.tally.ledger.Ledger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where {@code tally keys}, {@code tally budget} (the gateway's budgets) and {@code tally limits} find the
 * gateway's store: its ledger ({@code --ledger PATH|JDBC-URL}) or, with {@code --gateway URL}, a running gateway's
 * admin API. Written once, so every such command takes the same options with the same help.
 */
public final class StoreOptions {
    @Mixin
    LedgerOption ledger;

    @Option(
            names = "--gateway",
            paramLabel = "URL",
            description =
                    "Go through a running gateway's admin API instead of the ledger (token in TALLY_ADMIN_TOKEN).")
    @Nullable
    String gateway;

    /** Whether {@code --gateway} was given. */
    public boolean throughGateway() {
        return gateway != null;
    }

    /** The {@code --gateway} URL, as given; only when {@link #throughGateway()}. */
    public String gatewayUrl() {
        if (gateway == null) {
            throw new IllegalStateException("no --gateway: callers check throughGateway() first");
        }
        return gateway;
    }

    /** The admin API of the gateway, with the admin token from the environment. */
    public AdminClient admin() {
        return AdminClient.of(
                gatewayUrl(),
                AdminClient.adminToken(System.getenv("TALLY_ADMIN_TOKEN")),
                "the admin token (TALLY_ADMIN_TOKEN)");
    }

    /**
     * A listing as the admin API's JSON: fetched from {@code adminPath} with {@code --gateway}, else made from the
     * ledger by {@code fromLedger} in the same shape, so either way one renderer prints it.
     */
    public String listJson(String adminPath, Function<Ledger, String> fromLedger) {
        if (throughGateway()) {
            return admin().getText(adminPath);
        }
        try (Ledger l = openExisting()) {
            return fromLedger.apply(l);
        }
    }

    /** One change to the ledger ({@link LedgerOption#change}): a refused one leaves no new ledger behind. */
    public <T> T change(Function<Ledger, T> work) {
        return ledger.change(work);
    }

    public Ledger openExisting() {
        return ledger.openExisting();
    }
}
