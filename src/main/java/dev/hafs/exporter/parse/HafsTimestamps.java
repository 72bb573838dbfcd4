package dev.hafs.exporter.parse;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * HAFS writes {@code datetime.now().isoformat()}: local time without a zone, microseconds omitted
 * when they are 0. The writer runs on the training host, so its zone is the one to apply.
 */
public final class HafsTimestamps {
    private final ZoneId zone;

    public HafsTimestamps(ZoneId zone) {
        this.zone = zone;
    }

    /** A timestamp field's value; anything but a readable string counts as absent. */
    Optional<Instant> read(JsonCursor cursor) throws IOException, MalformedSourceException {
        return cursor.isText() ? parse(cursor.text()) : Optional.empty();
    }

    public Optional<Instant> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(text).atZone(zone).toInstant());
        } catch (DateTimeParseException zoneLess) {
            try {
                return Optional.of(OffsetDateTime.parse(text).toInstant());
            } catch (DateTimeParseException notIso) {
                return Optional.empty();
            }
        }
    }
}
