package dev.hafs.exporter.parse;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HAFS writes {@code datetime.now().isoformat()}: local time without a zone, microseconds omitted
 * when they are 0. Its dataset folders and their {@code created} field use {@code YYYYMMDD_HHMMSS},
 * also local. The writer runs on the training host, so its zone is the one to apply.
 */
public final class HafsTimestamps {
    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("uuuuMMdd_HHmmss")
            .withResolverStyle(ResolverStyle.STRICT);
    /** The last {@code _YYYYMMDD_HHMMSS} of a folder name: a name may carry two, and the last is when it was made. */
    private static final Pattern NAME_SUFFIX = Pattern.compile("_(\\d{8}_\\d{6})$");

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

    /** {@code 20251221_140501}, as in a dataset's {@code created} field. */
    public Optional<Instant> parseCompact(String text) {
        try {
            return Optional.of(LocalDateTime.parse(text, COMPACT).atZone(zone).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** When a dataset folder was made, from its name's {@code _YYYYMMDD_HHMMSS} suffix. */
    public Optional<Instant> fromFolderName(String name) {
        Matcher suffix = NAME_SUFFIX.matcher(name);
        return suffix.find() ? parseCompact(suffix.group(1)) : Optional.empty();
    }
}
