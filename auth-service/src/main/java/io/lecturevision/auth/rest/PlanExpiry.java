package io.lecturevision.auth.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * {@code plan_expired_at} as seed 001's clients send it: a date-time with a zone; one without a
 * zone (read as UTC); or a date alone (its ERD's type), meaning the end of that day in UTC
 * (23:59:59.999999Z, the database's precision), so a plan "until 2030-12-31" is paid all that day.
 */
public class PlanExpiry extends StdDeserializer<Instant> {

    /** The years 1970 to 9999: PostgreSQL stores more, no plan means it. */
    static final Instant EARLIEST = Instant.EPOCH;
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");
    private static final String OUT_OF_RANGE = "Input should be a date between 1970-01-01 and 9999-12-31";

    public PlanExpiry() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
            long seconds = parser.getLongValue();
            if (seconds < EARLIEST.getEpochSecond() || seconds > LATEST.getEpochSecond()) {
                throw InvalidFormatException.from(parser, OUT_OF_RANGE, seconds, Instant.class);
            }
            return Instant.ofEpochSecond(seconds);
        }
        String text = parser.getValueAsString();
        if (text == null) {
            throw InvalidFormatException.from(parser, "Input should be a valid datetime or date", parser.getText(), Instant.class);
        }
        Instant parsed = text.chars().anyMatch(Character::isISOControl) ? null : parse(text.trim());
        if (parsed == null) {
            throw InvalidFormatException.from(parser, "Input should be a valid datetime or date", text, Instant.class);
        }
        if (parsed.isBefore(EARLIEST) || parsed.isAfter(LATEST)) {
            throw InvalidFormatException.from(parser, OUT_OF_RANGE, text, Instant.class);
        }
        return parsed;
    }

    static Instant parse(String text) {
        String iso = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + "T" + text.substring(11) : text;
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException notWithZone) {
            try {
                return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notWithoutZone) {
                try {
                    return LocalDate.parse(iso).atTime(LocalTime.MAX).toInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
                } catch (DateTimeParseException notADate) {
                    return null;
                }
            }
        }
    }
}
