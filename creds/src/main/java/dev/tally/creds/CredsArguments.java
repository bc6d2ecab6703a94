package dev.tally.creds;

import static java.util.Objects.requireNonNull;

import dev.tally.core.error.TallyException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The options given on a {@code tally creds} command line, by {@link CredsOption}: what picocli would
 * collect, parsed without it so the cached path starts in a few milliseconds. Accepts {@code --opt value}
 * and {@code --opt=value}; anything else ({@code --help}, an unknown option, a stray argument) is a usage
 * error, and the fast path leaves such lines to picocli.
 */
public record CredsArguments(Map<CredsOption, List<String>> values) {
    public CredsArguments {
        requireNonNull(values, "values is null");
        EnumMap<CredsOption, List<String>> copy = new EnumMap<>(CredsOption.class);
        values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        values = Collections.unmodifiableMap(copy);
    }

    public static CredsArguments parse(List<String> args) {
        Map<CredsOption, List<String>> values = new EnumMap<>(CredsOption.class);
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            int eq = arg.indexOf('=');
            String name = arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg;
            CredsOption option = CredsOption.named(name)
                    .orElseThrow(() -> TallyException.usage("creds: unknown option or argument '" + arg + "'"));
            String value;
            if (option.isFlag()) {
                if (eq > 0) {
                    throw TallyException.usage("creds: " + name + " takes no value");
                }
                value = "true";
            } else if (eq > 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw TallyException.usage(
                        "creds: " + name + " needs a value (" + option.label().orElseThrow() + ")");
            }
            List<String> list = values.computeIfAbsent(option, k -> new ArrayList<>());
            if (!option.isRepeatable()) {
                list.clear();
            }
            list.add(value);
        }
        return new CredsArguments(values);
    }

    public static CredsArguments of(Map<CredsOption, List<String>> values) {
        return new CredsArguments(values);
    }

    public List<String> all(CredsOption option) {
        return values.getOrDefault(option, List.of());
    }

    public boolean has(CredsOption option) {
        return values.containsKey(option);
    }
}
