package dev.tally.cli.keys;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.cli.gateway.Columns;
import dev.tally.cli.govern.RateOptions;
import dev.tally.core.error.TallyException;
import dev.tally.core.io.JsonWriter;
import dev.tally.gateway.admin.KeysJson;
import dev.tally.ledger.ApiKey;
import dev.tally.ledger.Ledger;
import dev.tally.ledger.NewKey;
import dev.tally.ledger.PerMinute;
import dev.tally.ledger.Scope;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tally keys create|list|revoke}: the keys callers present to {@code tally gateway}. */
@Command(
        name = "keys",
        mixinStandardHelpOptions = true,
        description = {
            "Keys for tally gateway: each key is one user (and its tags), billed to its own assumed-role session.",
            "Only a hash of each key is stored; a key is shown once, when it is created."
        },
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
public final class KeysCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Creates a key and prints it alone on stdout (details on stderr); it is not shown again.",
            footer = {
                "",
                "Example:",
                "  export AWS_BEARER_TOKEN_BEDROCK=$(tally keys create --user alice \\",
                "      --team search --expires 2027-06-30 --rpm 60)"
            })
    static final class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StoreOptions ledger;

        @Option(
                names = "--user",
                required = true,
                paramLabel = "U",
                description = "Who the key is for (session tag User).")
        String user;

        @Mixin
        KeyTagOptions tags;

        @Option(
                names = "--expires",
                paramLabel = "DATE",
                description = "Last day the key works, YYYY-MM-DD in UTC (it stops at the end of that day), or an "
                        + "instant such as 2027-01-31T12:00:00Z. Default: never.")
        @Nullable
        String expires;

        /** The key's own rate limits, stored as the limits of scope key:ID (as tally limits set would). */
        @Mixin
        RateOptions rates;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            String keyUser = KeyTagOptions.user(user, err);
            Map<String, String> keyTags = tags.tags(err);
            Optional<Instant> until = expiry(expires, Clock.systemUTC().instant());
            PerMinute perMinute = rates.rates();
            if (ledger.throughGateway()) {
                JsonWriter body =
                        JsonWriter.compact().beginObject().name("user").value(keyUser);
                body.name("tags").beginObject();
                keyTags.forEach((k, v) -> body.name(k).value(v));
                body.endObject();
                until.ifPresent(u -> body.name("expires").value(u.toString()));
                rates.writeTo(body);
                JsonNode created =
                        ledger.admin().post("/tally/v1/keys", body.endObject().toString());
                ApiKey k = KeysJson.parse(created).getFirst();
                out.println(created.path("key").asText());
                out.flush();
                err.println("tally: created " + k.id() + " for user " + k.user()
                        + (k.tags().isEmpty() ? "" : " with tags " + tagText(k.tags()))
                        + k.expires().map(e -> ", expires " + e).orElse(", never expires")
                        + limitText(perMinute) + ", through the gateway at " + ledger.gatewayUrl()
                        + "; it is shown only this once");
                return 0;
            }
            return ledger.change(l -> {
                NewKey created = until.isPresent()
                        ? l.keys().create(keyUser, keyTags, until.get())
                        : l.keys().create(keyUser, keyTags);
                ApiKey k = created.apiKey();
                if (!perMinute.isEmpty()) {
                    l.limits().set(Scope.of(Scope.Kind.KEY, k.id()), perMinute, List.of());
                }
                out.println(created.key());
                out.flush();
                err.println("tally: created " + k.id() + " for user " + k.user()
                        + (k.tags().isEmpty() ? "" : " with tags " + tagText(k.tags()))
                        + k.expires().map(e -> ", expires " + e).orElse(", never expires")
                        + limitText(perMinute) + ", in ledger " + l.location() + "; it is shown only this once");
                return 0;
            });
        }

        private static String limitText(PerMinute rates) {
            StringBuilder text = new StringBuilder();
            rates.requests().ifPresent(n -> text.append(", ").append(n).append(" requests/min"));
            rates.tokens().ifPresent(n -> text.append(", ").append(n).append(" tokens/min"));
            return text.toString();
        }

        /** A date means through the end of that day (UTC); an instant means until it. */
        static Optional<Instant> expiry(@Nullable String value, Instant now) {
            if (value == null) {
                return Optional.empty();
            }
            String v = value.strip();
            Instant at;
            try {
                at = v.contains("T")
                        ? Instant.parse(v)
                        : LocalDate.parse(v)
                                .plusDays(1)
                                .atStartOfDay(ZoneOffset.UTC)
                                .toInstant();
            } catch (DateTimeParseException e) {
                throw TallyException.usage(
                        "--expires '" + value
                                + "' is not a date (expected YYYY-MM-DD, e.g. 2027-06-30, or an instant such as 2027-06-30T12:00:00Z)");
            }
            if (!at.isAfter(now)) {
                throw TallyException.usage("--expires " + value + " is in the past");
            }
            return Optional.of(at);
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description =
                    "Lists the keys: id, user, tags, created, expires, revoked, last used (never the key itself).")
    static final class ListKeys implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StoreOptions ledger;

        @Mixin
        ListFormat format;

        @Override
        public Integer call() {
            boolean json = format.json();
            PrintWriter out = spec.commandLine().getOut();
            List<ApiKey> keys;
            if (ledger.throughGateway()) {
                keys = KeysJson.parse(ledger.admin().get("/tally/v1/keys"));
            } else {
                try (Ledger l = ledger.openExisting()) {
                    keys = l.keys().list();
                }
            }
            if (json) {
                out.println(json(keys));
            } else {
                table(out, keys);
            }
            out.flush();
            return 0;
        }

        private static String json(List<ApiKey> keys) {
            return KeysJson.of(keys);
        }

        private static void table(PrintWriter out, List<ApiKey> keys) {
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("id", "user", "tags", "created", "expires", "revoked", "last_used"));
            for (ApiKey k : keys) {
                rows.add(List.of(
                        k.id(),
                        k.user(),
                        tagText(k.tags()),
                        k.created().toString(),
                        k.expires().map(Instant::toString).orElse("-"),
                        k.revoked().map(Instant::toString).orElse("-"),
                        k.lastUsed().map(Instant::toString).orElse("-")));
            }
            Columns.print(out, rows);
        }
    }

    @Command(
            name = "revoke",
            mixinStandardHelpOptions = true,
            description = "Revokes a key; a running gateway refuses it within a second.")
    static final class Revoke implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StoreOptions ledger;

        @Parameters(paramLabel = "ID", description = "The key's id (key_..., see: tally keys list).")
        String id;

        @Override
        public Integer call() {
            if (ledger.throughGateway()) {
                ApiKey k = KeysJson.parse(ledger.admin().delete("/tally/v1/keys/" + id.strip()))
                        .getFirst();
                spec.commandLine()
                        .getErr()
                        .println("tally: revoked " + k.id() + " (user " + k.user() + ") at "
                                + k.revoked().orElseThrow() + " through the gateway at " + ledger.gatewayUrl());
                return 0;
            }
            try (Ledger l = ledger.openExisting()) {
                ApiKey k = l.keys().revoke(id.strip());
                spec.commandLine()
                        .getErr()
                        .println("tally: revoked " + k.id() + " (user " + k.user() + ") at "
                                + k.revoked().orElseThrow());
                return 0;
            }
        }
    }

    static String tagText(Map<String, String> tags) {
        return new TreeMap<>(tags)
                .entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }
}
