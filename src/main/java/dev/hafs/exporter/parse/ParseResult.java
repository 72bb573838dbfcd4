package dev.hafs.exporter.parse;

/**
 * A file that parsed, with the records that were left out because they were malformed. The rest of
 * the file still counts: one bad generator must not hide all the others.
 */
public record ParseResult(SourceData data, SkippedRecords skippedRecords) {
}
