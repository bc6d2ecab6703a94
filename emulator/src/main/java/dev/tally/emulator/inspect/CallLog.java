package dev.tally.emulator.inspect;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the emulator received, for tests to assert on: a count per API ({@code sts:AssumeRole},
 * {@code bedrock:InvokeModel}, ...) of every call that reached it (failed ones too), and the most recent
 * AssumeRole calls. Holds no secret.
 */
public final class CallLog {
    private static final int RECENT = 1000;

    /** One AssumeRole call as received (whether or not it succeeded). */
    public record AssumeRoleCall(
            Instant time,
            String caller,
            String roleArn,
            String sessionName,
            Map<String, String> tags,
            Integer durationSeconds,
            String outcome) {}

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final Deque<AssumeRoleCall> recent = new ArrayDeque<>();

    public void count(String api) {
        counts.computeIfAbsent(api, k -> new LongAdder()).increment();
    }

    public void assumeRole(AssumeRoleCall call) {
        synchronized (recent) {
            recent.addLast(call);
            while (recent.size() > RECENT) {
                recent.removeFirst();
            }
        }
    }

    public Map<String, Long> counts() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public List<AssumeRoleCall> recentAssumeRoleCalls() {
        synchronized (recent) {
            return List.copyOf(new ArrayList<>(recent));
        }
    }

    /** The JSON shape of {@code GET /_emulator/calls}. */
    public Map<String, Object> snapshot() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("counts", counts());
        List<Map<String, Object>> calls = new ArrayList<>();
        for (AssumeRoleCall c : recentAssumeRoleCalls()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("time", c.time().toString());
            m.put("caller", c.caller());
            m.put("roleArn", c.roleArn());
            m.put("sessionName", c.sessionName());
            m.put("tags", c.tags());
            m.put("durationSeconds", c.durationSeconds());
            m.put("outcome", c.outcome());
            calls.add(m);
        }
        out.put("assumeRole", calls);
        return out;
    }
}
