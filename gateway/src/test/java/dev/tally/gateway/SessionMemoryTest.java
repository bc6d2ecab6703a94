package dev.tally.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.core.sts.SessionName;
import dev.tally.core.sts.SessionTags;
import dev.tally.emulator.EmulatorConfig;
import dev.tally.gateway.config.Limits;
import dev.tally.gateway.session.Identity;
import dev.tally.gateway.session.SessionBroker;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Memory per cached identity, measured: the heap the broker's sessions hold (heap with them cached minus heap after
 * dropping them, each after full collections), divided by their count. Also: exactly one AssumeRole per identity.
 */
class SessionMemoryTest {
    private static final int IDENTITIES = 2_000;

    @Test
    void eachIdentity_isOneAssumeRole_andItsCachedSessionsMemoryIsMeasured() throws Exception {
        Limits d = Limits.DEFAULTS;
        Limits fast = new Limits(
                d.maxBodyBytes(),
                d.drainTimeout(),
                20_000,
                Duration.ofSeconds(30),
                d.stsAttempts(),
                d.cachedIdentities(),
                d.sessionDuration(),
                d.keyCacheTtl(),
                d.requestThreads());
        try (GatewayHarness h = new GatewayHarness(EmulatorConfig.builder(), b -> b.limits(fast))) {
            SessionBroker broker = h.gateway.broker();
            List<Future<?>> loads = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
                for (int i = 0; i < IDENTITIES; i++) {
                    String user = "user" + i + "@example.com";
                    Identity id = new Identity(
                            user,
                            SessionName.sanitized("gw-" + user, "gw"),
                            SessionTags.of(Map.of("User", user, "Team", "team" + (i % 50), "Project", "p" + (i % 7))));
                    loads.add(pool.submit(() -> broker.credentialsFor(id)));
                }
                for (Future<?> f : loads) {
                    f.get();
                }
            }
            loads.clear(); // the futures hold the credentials too: only the cache may
            assertThat(h.upstreamCalls("sts:AssumeRole")).isEqualTo(IDENTITIES);
            assertThat(broker.cachedIdentities()).isEqualTo(IDENTITIES);
            long withSessions = settledHeap();
            broker.forgetAll();
            long without = settledHeap();
            long perIdentity = (withSessions - without) / IDENTITIES;
            System.out.println("gateway session cache: " + perIdentity + " bytes per cached identity (" + IDENTITIES
                    + " identities, " + (withSessions - without) / 1024 + " KiB)");
            assertThat(perIdentity).isBetween(100L, 20_000L);
        }
    }

    private static long settledHeap() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
