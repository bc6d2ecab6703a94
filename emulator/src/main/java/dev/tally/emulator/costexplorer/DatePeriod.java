package dev.tally.emulator.costexplorer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.emulator.http.AwsJsonError;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * A {@code TimePeriod}: Start inclusive, End exclusive, whole UTC days. AWS refuses a Start that is not
 * before End and an End past the first day of next month; their messages are AWS's own.
 */
record DatePeriod(LocalDate start, LocalDate end) {
    static DatePeriod parse(JsonNode timePeriod, LocalDate today) {
        if (timePeriod == null || !timePeriod.isObject()) {
            throw AwsJsonError.validation(
                    "1 validation error detected: Value null at 'timePeriod' failed to satisfy constraint: Member must not be null");
        }
        LocalDate start = date(timePeriod.path("Start"), "Start");
        LocalDate end = date(timePeriod.path("End"), "End");
        if (!start.isBefore(end)) {
            throw AwsJsonError.validation("Start date (and hour) should be before end date (and hour)");
        }
        if (end.isAfter(today.withDayOfMonth(1).plusMonths(1))) {
            throw AwsJsonError.validation("end date past the beginning of next month");
        }
        return new DatePeriod(start, end);
    }

    boolean contains(LocalDate day) {
        return !day.isBefore(start) && day.isBefore(end);
    }

    private static LocalDate date(JsonNode node, String field) {
        if (node.isMissingNode() || node.isNull()) {
            throw AwsJsonError.validation("1 validation error detected: Value null at 'timePeriod."
                    + field.toLowerCase(Locale.ROOT) + "' failed to satisfy constraint: Member must not be null");
        }
        String text = node.asText();
        try {
            // The model allows a time part for HOURLY queries, which the emulator does not answer.
            return LocalDate.parse(text.length() > 10 && text.charAt(10) == 'T' ? text.substring(0, 10) : text);
        } catch (DateTimeParseException e) {
            throw AwsJsonError.validation(field + " date '" + text + "' is invalid: expected yyyy-MM-dd");
        }
    }
}
