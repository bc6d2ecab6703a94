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
import org.jspecify.annotations.Nullable;

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
            @Nullable Integer durationSeconds,
            String outcome) {}

    /**
     * An exception inside the emulator (its own bug), as {@code GET /_emulator/calls} shows it: where it was
     * thrown, not the whole trace (that goes to the emulator's diagnostics stream).
     */
    public record InternalFailure(
            Instant time, String method, String path, String exception, String message, String at) {}

    private static final int RECENT_ERRORS = 100;

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final Deque<InternalFailure> errors = new ArrayDeque<>();
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

    public void internalError(String method, String path, Throwable bug) {
        StackTraceElement[] trace = bug.getStackTrace();
        InternalFailure error = new InternalFailure(
                Instant.now(),
                method,
                path,
                bug.getClass().getName(),
                bug.getMessage() == null ? "" : bug.getMessage(),
                trace.length == 0 ? "" : trace[0].toString());
        synchronized (errors) {
            errors.addLast(error);
            while (errors.size() > RECENT_ERRORS) {
                errors.removeFirst();
            }
        }
    }

    public List<InternalFailure> internalErrors() {
        synchronized (errors) {
            return List.copyOf(errors);
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
        List<Map<String, Object>> bugs = new ArrayList<>();
        for (InternalFailure e : internalErrors()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("time", e.time().toString());
            m.put("method", e.method());
            m.put("path", e.path());
            m.put("exception", e.exception());
            m.put("message", e.message());
            m.put("at", e.at());
            bugs.add(m);
        }
        out.put("internalErrors", bugs);
        return out;
    }
}
