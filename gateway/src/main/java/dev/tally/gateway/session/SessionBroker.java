package dev.tally.gateway.session;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.tally.gateway.BedrockFault;
import dev.tally.gateway.config.Limits;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;
import software.amazon.awssdk.services.sts.model.Tag;

/**
 * One assumed-role session per {@link Identity}, so that AWS bills each user under their own principal and tags.
 *
 * <ul>
 *   <li>Single flight: the cache holds the pending AssumeRole itself, so a thousand concurrent first requests for
 *       one identity wait on one call.
 *   <li>Refreshed before expiry: an entry older than three quarters of the session's life is reloaded in the
 *       background by the next request, which is answered with the still-valid credentials; only an identity idle
 *       past its expiry waits on STS again (AWS asks for about one AssumeRole per user per hour, not a timer per
 *       idle user).
 *   <li>Bounded (least recently used out first) and rate-limited ({@link StsRateLimit}); STS throttling is retried
 *       with exponential backoff and full jitter; anything else answers 503 in Bedrock's shape.
 * </ul>
 */
public final class SessionBroker implements AutoCloseable {
    /** Credentials are never handed out with less than this left: a request signed with them must still land. */
    private static final Duration EXPIRY_MARGIN = Duration.ofMinutes(1);

    private static final long BACKOFF_BASE_MILLIS = 100;
    private static final long BACKOFF_CAP_MILLIS = 2_000;

    private final Supplier<StsClient> sts;
    private final String roleArn;
    private final Duration sessionDuration;
    private final int attempts;
    private final StsRateLimit rate;
    private final ExecutorService loaders = Executors.newVirtualThreadPerTaskExecutor();
    private final AsyncLoadingCache<Identity, SessionCredentials> sessions;
    private final AtomicLong assumeRoleCalls = new AtomicLong();

    public SessionBroker(Supplier<StsClient> sts, String roleArn, Limits limits) {
        this.sts = requireNonNull(sts, "sts is null");
        this.roleArn = requireNonNull(roleArn, "roleArn is null");
        this.sessionDuration = limits.sessionDuration();
        this.attempts = limits.stsAttempts();
        this.rate = new StsRateLimit(limits.stsPerSecond(), limits.stsMaxWait());
        this.sessions = Caffeine.newBuilder()
                .maximumSize(limits.cachedIdentities())
                .executor(loaders)
                .expireAfter(Expiry.creating((Identity id, SessionCredentials c) -> usableFor(c)))
                .refreshAfterWrite(sessionDuration.multipliedBy(3).dividedBy(4))
                .buildAsync((Identity id) -> assumeRole(id));
    }

    /** The identity's session, waiting only when none is cached. */
    public SessionCredentials credentialsFor(Identity identity) {
        try {
            return sessions.get(identity).get();
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof BedrockFault fault) {
                throw fault;
            }
            throw BedrockFault.unavailable("The gateway could not get AWS credentials for this user.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BedrockFault.unavailable("The gateway is shutting down.");
        }
    }

    /** AssumeRole calls made (attempts included), for tests and metrics. */
    public long assumeRoleCalls() {
        return assumeRoleCalls.get();
    }

    /** Drops every cached session (the next request per identity assumes the role again). */
    public void forgetAll() {
        sessions.synchronous().invalidateAll();
        sessions.synchronous().cleanUp();
    }

    public long cachedIdentities() {
        return sessions.synchronous().estimatedSize();
    }

    private SessionCredentials assumeRole(Identity id) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            if (!rate.acquire()) {
                throw BedrockFault.unavailable("The gateway is at its AssumeRole rate limit; try again shortly.");
            }
            try {
                assumeRoleCalls.incrementAndGet();
                AssumeRoleResponse r = sts.get()
                        .assumeRole(b -> b.roleArn(roleArn)
                                .roleSessionName(id.sessionName().value())
                                .durationSeconds((int) sessionDuration.toSeconds())
                                .tags(id.tags().tags().stream()
                                        .map(t -> Tag.builder()
                                                .key(t.key())
                                                .value(t.value())
                                                .build())
                                        .toList())
                                .transitiveTagKeys(id.transitiveTagKeys().isEmpty() ? null : id.transitiveTagKeys()));
                Credentials c = r.credentials();
                return new SessionCredentials(
                        c.accessKeyId(),
                        c.secretAccessKey(),
                        c.sessionToken(),
                        c.expiration(),
                        r.assumedRoleUser().arn());
            } catch (StsException e) {
                if (!retryable(e) || attempt >= attempts) {
                    throw BedrockFault.unavailable("The gateway could not assume its role for this user: "
                            + e.awsErrorDetails().errorCode() + " from STS.");
                }
            } catch (SdkClientException e) {
                if (attempt >= attempts) {
                    throw BedrockFault.unavailable("The gateway cannot reach STS.");
                }
            }
            Thread.sleep(backoff(attempt));
        }
    }

    private static boolean retryable(StsException e) {
        return e.isThrottlingException() || e.statusCode() >= 500;
    }

    /** Full jitter (a uniform wait up to the exponential step), so retrying callers spread out instead of herding. */
    static Duration backoff(int attempt) {
        long step = Math.min(BACKOFF_CAP_MILLIS, BACKOFF_BASE_MILLIS << Math.min(attempt - 1, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(step + 1));
    }

    private static Duration usableFor(SessionCredentials c) {
        Duration left = Duration.between(Instant.now(), c.expiration()).minus(EXPIRY_MARGIN);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Warms nothing and waits for nothing: pending loads finish on their own virtual threads. */
    @Override
    public void close() {
        loaders.shutdownNow();
    }
}
