package dev.tally.creds.cache;

/**
 * {@code 2026-11-22T09:00:00Z}: the credential_process contract's Expiration (ISO 8601, UTC, whole
 * seconds). Formatted by hand because {@code Instant.toString()} starts java.time's formatting machinery,
 * about ten milliseconds on the cached path.
 */
final class UtcTimestamp {
    private UtcTimestamp() {}

    static String format(long epochSecond) {
        long days = Math.floorDiv(epochSecond, 86_400);
        long secondOfDay = Math.floorMod(epochSecond, 86_400);
        // Days to civil date (H. Hinnant's algorithm), valid for the proleptic Gregorian calendar.
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long day = doy - (153 * mp + 2) / 5 + 1;
        long month = mp < 10 ? mp + 3 : mp - 9;
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        StringBuilder sb = new StringBuilder(20);
        pad(sb, year, 4).append('-');
        pad(sb, month, 2).append('-');
        pad(sb, day, 2).append('T');
        pad(sb, secondOfDay / 3600, 2).append(':');
        pad(sb, secondOfDay / 60 % 60, 2).append(':');
        pad(sb, secondOfDay % 60, 2).append('Z');
        return sb.toString();
    }

    private static StringBuilder pad(StringBuilder sb, long value, int width) {
        String digits = Long.toString(value);
        for (int i = digits.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(digits);
    }
}
