package dev.tally.emulator.auth;

import static java.util.Objects.requireNonNull;

import dev.tally.emulator.auth.AuthFailure.Reason;
import dev.tally.emulator.http.HttpCall;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies AWS Signature Version 4 the way AWS does: rebuilds the canonical request from what arrived,
 * derives the signing key from the secret of the access key named in the credential scope, and compares
 * signatures in constant time.
 */
public final class SigV4Verifier {
    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final HexFormat HEX = HexFormat.of();
    private static final Pattern SPACES = Pattern.compile(" +");
    /**
     * Looking a JCA algorithm up costs more than running it on a small request; the server's threads are
     * pooled platform threads, so one instance per thread is reused.
     */
    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });
    /** Signing keys change once a day per secret, region and service: deriving one costs four HMACs. */
    private static final int MAX_CACHED_KEYS = 4096;

    private final CredentialStore credentials;
    private final Map<String, byte[]> signingKeys = new ConcurrentHashMap<>();
    /**
     * The last {@code X-Amz-Date} parsed: signers stamp whole seconds, so under load most requests carry the one
     * before them, and parsing it with {@link #AMZ_DATE} was a measurable share of a signed request's cost here.
     */
    private volatile ParsedDate lastDate = new ParsedDate("", Instant.EPOCH);

    private record ParsedDate(String text, Instant time) {}

    public SigV4Verifier(CredentialStore credentials) {
        this.credentials = requireNonNull(credentials, "credentials is null");
    }

    /** The identity that signed {@code call} for {@code service}, or an {@link AuthFailure}. */
    public Identity verify(HttpCall call, String service) {
        String authorization = call.header("Authorization")
                .orElseThrow(() -> new AuthFailure(Reason.MISSING, "Missing Authentication Token"));
        SignedHeader auth = SignedHeader.parse(authorization);
        // -1 keeps empty parts, so the count below is of every part: a scope with a trailing '/' is malformed.
        String[] scope = auth.credential().split("/", -1);
        if (scope.length != 5 || !scope[4].equals("aws4_request")) {
            throw new AuthFailure(
                    Reason.MALFORMED,
                    "Credential should be scoped to a valid region and service, as AKID/DATE/REGION/SERVICE/aws4_request.");
        }
        String accessKeyId = scope[0];
        String date = scope[1];
        String region = scope[2];
        if (!scope[3].equals(service)) {
            throw AuthFailure.otherService(service, scope[3]);
        }
        Optional<String> token = call.header("X-Amz-Security-Token");
        String secret;
        Identity identity;
        Optional<CredentialStore.LongTermKey> longTerm = credentials.longTermKey(accessKeyId);
        if (longTerm.isPresent()) {
            if (token.isPresent()) {
                throw new AuthFailure(Reason.INVALID_TOKEN, "The security token included in the request is invalid.");
            }
            secret = longTerm.get().secretAccessKey();
            identity = longTerm.get().identity();
        } else {
            SessionCredentials session = credentials
                    .session(accessKeyId)
                    .orElseThrow(() -> new AuthFailure(
                            Reason.UNKNOWN_KEY, "The security token included in the request is invalid."));
            if (token.isEmpty() || !MessageDigest.isEqual(bytes(token.get()), bytes(session.sessionToken()))) {
                throw new AuthFailure(Reason.INVALID_TOKEN, "The security token included in the request is invalid.");
            }
            if (!Instant.now().isBefore(session.expiration())) {
                throw new AuthFailure(Reason.EXPIRED, "The security token included in the request is expired");
            }
            secret = session.secretAccessKey();
            identity = session.identity();
        }
        String amzDate = call.header("X-Amz-Date")
                .orElseThrow(() -> new AuthFailure(
                        Reason.MALFORMED,
                        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."));
        ParsedDate last = lastDate;
        Instant requestTime;
        if (last.text().equals(amzDate)) {
            requestTime = last.time();
        } else {
            requestTime = parseAmzDate(amzDate);
            lastDate = new ParsedDate(amzDate, requestTime);
        }
        if (!amzDate.startsWith(date)) {
            throw new AuthFailure(
                    Reason.BAD_SIGNATURE,
                    "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '" + date
                            + "' != '" + amzDate.substring(0, Math.min(8, amzDate.length())) + "'");
        }
        checkSkew(requestTime, amzDate);

        String payloadHash = payloadHash(call);
        byte[] key = signingKey(secret, date, region, service);
        String stringToSignPrefix =
                ALGORITHM + "\n" + amzDate + "\n" + date + "/" + region + "/" + service + "/aws4_request\n";
        // Non-S3 SDKs encode the already-encoded path once more for the canonical URI (a model id's ':' is
        // %3A on the wire and %253A when signed). Accept the single-encoded form too: some clients sign it.
        String encodedPath = encodePath(call.rawPath());
        for (String canonicalUri :
                encodedPath.equals(call.rawPath()) ? List.of(encodedPath) : List.of(encodedPath, call.rawPath())) {
            String canonical = canonicalRequest(call, canonicalUri, auth.signedHeaders(), payloadHash);
            String stringToSign = stringToSignPrefix + HEX.formatHex(sha256(bytes(canonical)));
            String expected = HEX.formatHex(hmac(key, stringToSign));
            if (MessageDigest.isEqual(bytes(expected), bytes(auth.signature().toLowerCase(Locale.ROOT)))) {
                return identity;
            }
        }
        throw new AuthFailure(
                Reason.BAD_SIGNATURE,
                "The request signature we calculated does not match the signature you provided. "
                        + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
    }

    private static void checkSkew(Instant requestTime, String amzDate) {
        Instant now = Instant.now();
        if (requestTime.isBefore(now.minus(MAX_SKEW))) {
            throw new AuthFailure(
                    Reason.SKEWED,
                    "Signature expired: " + amzDate + " is now earlier than " + format(now.minus(MAX_SKEW)) + " ("
                            + format(now) + " - 15 min.)");
        }
        if (requestTime.isAfter(now.plus(MAX_SKEW))) {
            throw new AuthFailure(
                    Reason.SKEWED,
                    "Signature not yet current: " + amzDate + " is still later than " + format(now.plus(MAX_SKEW))
                            + " (" + format(now) + " + 15 min.)");
        }
    }

    private static String payloadHash(HttpCall call) {
        String actual = HEX.formatHex(sha256(call.body()));
        Optional<String> declared = call.header("X-Amz-Content-Sha256");
        if (declared.isEmpty() || declared.get().equals("UNSIGNED-PAYLOAD")) {
            return declared.orElse(actual);
        }
        if (!declared.get().equalsIgnoreCase(actual)) {
            throw new AuthFailure(
                    Reason.BAD_SIGNATURE,
                    "The provided 'x-amz-content-sha256' header does not match what was computed.");
        }
        return declared.get();
    }

    private static String canonicalRequest(
            HttpCall call, String canonicalUri, List<String> signedHeaders, String payloadHash) {
        StringBuilder b = new StringBuilder(256);
        b.append(call.method())
                .append('\n')
                .append(canonicalUri)
                .append('\n')
                .append(canonicalQuery(call.rawQuery()))
                .append('\n');
        for (String name : signedHeaders) {
            List<String> values = call.headerValues(name);
            b.append(name).append(':');
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                String value = values.get(i).strip();
                b.append(value.contains("  ") ? SPACES.matcher(value).replaceAll(" ") : value);
            }
            b.append('\n');
        }
        b.append('\n').append(String.join(";", signedHeaders)).append('\n').append(payloadHash);
        return b.toString();
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String part : rawQuery.split("&", -1)) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String k = eq < 0 ? part : part.substring(0, eq);
            String v = eq < 0 ? "" : part.substring(eq + 1);
            pairs.add(new String[] {encode(HttpCall.decode(k), false), encode(HttpCall.decode(v), false)});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        StringBuilder b = new StringBuilder();
        for (String[] p : pairs) {
            if (!b.isEmpty()) {
                b.append('&');
            }
            b.append(p[0]).append('=').append(p[1]);
        }
        return b.toString();
    }

    /** The canonical URI: every byte of the path as received encoded again, slashes kept. */
    static String encodePath(String rawPath) {
        return rawPath.isEmpty() ? "/" : encode(rawPath, true);
    }

    /** AWS's URI encoding: unreserved characters stay, every other byte becomes %XX in upper case. */
    static String encode(String s, boolean keepSlash) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (byte raw : s.getBytes(StandardCharsets.UTF_8)) {
            int c = raw & 0xff;
            if ((c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '.'
                    || c == '~'
                    || (keepSlash && c == '/')) {
                b.append((char) c);
            } else {
                b.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return b.toString();
    }

    private byte[] signingKey(String secret, String date, String region, String service) {
        String cacheKey = secret + '\n' + date + '\n' + region + '\n' + service;
        byte[] key = signingKeys.get(cacheKey);
        if (key == null) {
            byte[] kDate = hmac(bytes("AWS4" + secret), date);
            key = hmac(hmac(hmac(kDate, region), service), "aws4_request");
            if (signingKeys.size() >= MAX_CACHED_KEYS) {
                signingKeys.clear();
            }
            signingKeys.put(cacheKey, key);
        }
        return key;
    }

    private static Instant parseAmzDate(String amzDate) {
        try {
            return LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new AuthFailure(
                    Reason.MALFORMED, "X-Amz-Date must be in the ISO8601 basic format yyyyMMdd'T'HHmmss'Z'");
        }
    }

    private static String format(Instant t) {
        return AMZ_DATE.format(t.atOffset(ZoneOffset.UTC));
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = MAC.get();
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(bytes(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(byte[] data) {
        return SHA256.get().digest(data);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The three parts of {@code Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...}. */
    private record SignedHeader(String credential, List<String> signedHeaders, String signature) {
        static SignedHeader parse(String header) {
            if (!header.startsWith(ALGORITHM + " ")) {
                throw new AuthFailure(
                        Reason.MALFORMED, "Authorization header must use the " + ALGORITHM + " algorithm.");
            }
            String credential = null;
            String signed = null;
            String signature = null;
            for (String part : header.substring(ALGORITHM.length() + 1).split(",", -1)) {
                String p = part.strip();
                if (p.startsWith("Credential=")) {
                    credential = p.substring("Credential=".length());
                } else if (p.startsWith("SignedHeaders=")) {
                    signed = p.substring("SignedHeaders=".length());
                } else if (p.startsWith("Signature=")) {
                    signature = p.substring("Signature=".length());
                }
            }
            if (credential == null || signed == null || signature == null) {
                throw new AuthFailure(
                        Reason.MALFORMED,
                        "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.");
            }
            List<String> names = List.of(signed.toLowerCase(Locale.ROOT).split(";"));
            return new SignedHeader(credential, names, signature);
        }
    }
}
