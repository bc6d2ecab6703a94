package dev.tally.creds.profile;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The text of an AWS config file ({@code ~/.aws/config}) as lines, edited one stanza at a time while every
 * other line, comment and blank stays exactly as it was. Sections are {@code [default]} or
 * {@code [profile NAME]} (the config file's form; the credentials file has no {@code profile } prefix).
 */
public final class AwsConfigFile {
    private static final Pattern SECTION = Pattern.compile("\\s*\\[\\s*([^\\]]*?)\\s*\\]\\s*([#;].*)?");
    private static final Pattern PROPERTY = Pattern.compile("\\s*([^=\\s#;\\[][^=]*?)\\s*=(.*)");

    private final List<String> lines;

    private AwsConfigFile(List<String> lines) {
        this.lines = new ArrayList<>(lines);
    }

    public static AwsConfigFile parse(String text) {
        requireNonNull(text, "text is null");
        List<String> lines = new ArrayList<>(text.lines().toList());
        return new AwsConfigFile(lines);
    }

    public String text() {
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    /** The section header for a profile in the config file. */
    public static String header(String profile) {
        return profile.equals("default") ? "[default]" : "[profile " + profile + "]";
    }

    /** A property's value in a profile's section, if both exist. */
    public Optional<String> get(String profile, String key) {
        int[] range = section(profile);
        if (range == null) {
            return Optional.empty();
        }
        for (int i = range[0] + 1; i < range[1]; i++) {
            Matcher m = PROPERTY.matcher(lines.get(i));
            if (m.matches() && m.group(1).equals(key)) {
                return Optional.of(m.group(2).strip());
            }
        }
        return Optional.empty();
    }

    public boolean hasProfile(String profile) {
        return section(profile) != null;
    }

    /**
     * Sets {@code key = value} in the profile's section: replaces the line that sets the key (the first; later
     * duplicates are removed, since the SDKs disagree on which one wins), else adds it after the section's
     * last property; adds the section at the end when missing.
     */
    public void set(String profile, String key, String value) {
        String line = key + " = " + value;
        int[] range = section(profile);
        if (range == null) {
            while (!lines.isEmpty() && lines.getLast().isBlank()) {
                lines.removeLast();
            }
            if (!lines.isEmpty()) {
                lines.add("");
            }
            lines.add(header(profile));
            lines.add(line);
            return;
        }
        int found = -1;
        for (int i = range[0] + 1; i < range[1]; i++) {
            Matcher m = PROPERTY.matcher(lines.get(i));
            if (m.matches() && m.group(1).equals(key)) {
                if (found < 0) {
                    found = i;
                    lines.set(i, line);
                } else {
                    lines.remove(i);
                    i--;
                    range[1]--;
                }
            }
        }
        if (found >= 0) {
            return;
        }
        int last = range[0];
        for (int i = range[0] + 1; i < range[1]; i++) {
            if (!lines.get(i).isBlank()) {
                last = i;
            }
        }
        lines.add(last + 1, line);
    }

    /** {@code [start, end)}: the header line of the profile's first section and the line after its body; null if absent. */
    private int @Nullable [] section(String profile) {
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = SECTION.matcher(lines.get(i));
            if (m.matches() && names(m.group(1), profile)) {
                int end = i + 1;
                while (end < lines.size() && !SECTION.matcher(lines.get(end)).matches()) {
                    end++;
                }
                return new int[] {i, end};
            }
        }
        return null;
    }

    private static boolean names(String inside, String profile) {
        String[] words = inside.strip().split("\\s+", -1);
        if (profile.equals("default")) {
            return (words.length == 1 && words[0].equals("default"))
                    || (words.length == 2 && words[0].equals("profile") && words[1].equals("default"));
        }
        return words.length == 2 && words[0].equals("profile") && words[1].equals(profile);
    }
}
