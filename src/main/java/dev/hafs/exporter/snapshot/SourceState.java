package dev.hafs.exporter.snapshot;

import dev.hafs.exporter.parse.SourceData;
import java.util.Optional;

/** A file's status and the content it last loaded successfully (none while missing or never loaded). */
public record SourceState(SourceStatus status, Optional<SourceData> data) {
}
