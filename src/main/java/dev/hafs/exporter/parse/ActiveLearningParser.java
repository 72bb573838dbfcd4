package dev.hafs.exporter.parse;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * active_learning.json: the regions' sample counts. Centroids and sample ids are skipped unread;
 * the first regions by position are kept and every region is counted.
 */
public final class ActiveLearningParser implements SourceParser {
    private final RecordLimits limits;
    private final HafsTimestamps timestamps;

    public ActiveLearningParser(RecordLimits limits, HafsTimestamps timestamps) {
        this.limits = limits;
        this.timestamps = timestamps;
    }

    @Override
    public ParseResult parse(InputStream in) throws IOException, MalformedSourceException {
        SkippedRecords.Builder skipped = new SkippedRecords.Builder();
        RecordFields topLevel = RecordFields.named("active_learning.json");
        List<EmbeddingRegion> regions = new ArrayList<>();
        int present = 0;
        long leftOut = 0;
        Double target = null;
        Optional<Instant> lastUpdated = Optional.empty();
        try (JsonCursor cursor = JsonCursor.open(in)) {
            while (cursor.nextField()) {
                switch (cursor.name()) {
                    case "regions" -> {
                        cursor.enterArraySection();
                        while (cursor.nextElement()) {
                            RecordFields record = RecordFields.indexed("regions", present);
                            EmbeddingRegion region = readRegion(cursor, present++, record);
                            if (region == null) {
                                skipped.add(record);
                            } else if (regions.size() < limits.regions()) {
                                regions.add(region);
                            } else {
                                leftOut++;
                            }
                        }
                    }
                    case "num_regions" -> target = topLevel.number(cursor);
                    case "last_updated" -> lastUpdated = timestamps.read(cursor);
                    default -> { }
                }
            }
        }
        if (!topLevel.valid()) {
            skipped.add(topLevel);
        }
        ActiveLearning data = new ActiveLearning(regions, present, RegionStatistics.of(regions), Optional.ofNullable(target),
                lastUpdated, Map.of(CappedKind.REGIONS, leftOut));
        return new ParseResult(data, skipped.build());
    }

    /** The region at the cursor, or null when it is malformed (the record says why). */
    private static EmbeddingRegion readRegion(JsonCursor cursor, int index, RecordFields record)
            throws IOException, MalformedSourceException {
        if (!record.enterObject(cursor)) {
            return null;
        }
        Double sampleCount = null;
        Double avgQuality = null;
        String domain = null;
        while (cursor.nextField()) {
            switch (cursor.name()) {
                case "sample_count" -> sampleCount = record.number(cursor);
                case "avg_quality" -> avgQuality = record.number(cursor);
                case "domain" -> domain = record.text(cursor);
                default -> { }
            }
        }
        record.require("sample_count", sampleCount);
        if (!record.valid()) {
            return null;
        }
        return new EmbeddingRegion(index, domain == null ? "" : Names.bounded(domain), sampleCount, Optional.ofNullable(avgQuality));
    }
}
