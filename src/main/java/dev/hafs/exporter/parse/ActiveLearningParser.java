package dev.hafs.exporter.parse;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** active_learning.json: the regions' sample counts; centroids and sample ids are skipped unread. */
public final class ActiveLearningParser implements SourceParser {
    private final RecordLimits limits;
    private final HafsTimestamps timestamps;

    public ActiveLearningParser(RecordLimits limits, HafsTimestamps timestamps) {
        this.limits = limits;
        this.timestamps = timestamps;
    }

    @Override
    public ParseResult parse(InputStream in) throws IOException, MalformedSourceException {
        List<EmbeddingRegion> regions = new ArrayList<>();
        // Every region's count feeds the statistics, kept regions or not; 8 bytes a region.
        double[][] counts = {new double[64]};
        int[] counted = {0};
        long[] leftOut = {0};
        List<String> skipped = new ArrayList<>();
        int[] present = {0};
        Double[] target = {null};
        Double[] dimension = {null};
        Instant[] lastUpdated = {null};
        RecordFields topLevel = new RecordFields("active_learning.json");

        JsonCursor.readDocument(in, (field, value) -> {
            switch (field) {
                case "regions" -> value.arraySection(field, (index, region) -> {
                    present[0]++;
                    RecordFields record = new RecordFields("regions[" + index + "]");
                    EmbeddingRegion parsed = readRegion(index, region, record);
                    if (parsed != null) {
                        if (counted[0] == counts[0].length) {
                            counts[0] = Arrays.copyOf(counts[0], counted[0] * 2);
                        }
                        counts[0][counted[0]++] = parsed.sampleCount();
                        if (regions.size() < limits.regions()) {
                            regions.add(parsed);
                        } else {
                            leftOut[0]++;
                        }
                    } else {
                        skipped.add(record.describeProblems());
                    }
                });
                case "num_regions" -> target[0] = topLevel.number(field, value);
                case "embedding_dim" -> dimension[0] = topLevel.number(field, value);
                case "last_updated" -> lastUpdated[0] = timestamps.read(value);
                default -> value.skip();
            }
        });
        if (!topLevel.valid()) {
            skipped.add(topLevel.describeProblems());
        }
        ActiveLearning data = new ActiveLearning(regions, present[0], RegionStatistics.of(counts[0], counted[0]),
                Optional.ofNullable(target[0]), Optional.ofNullable(dimension[0]), Optional.ofNullable(lastUpdated[0]),
                leftOut[0]);
        return new ParseResult(data, skipped);
    }

    private static EmbeddingRegion readRegion(int index, JsonCursor region, RecordFields record)
            throws IOException, MalformedSourceException {
        if (!region.isObject()) {
            record.problem("is " + region.type() + ", expected an object");
            region.skip();
            return null;
        }
        Double[] sampleCount = {null};
        Double[] avgQuality = {null};
        String[] domain = {""};
        region.forEachField((field, value) -> {
            switch (field) {
                case "sample_count" -> sampleCount[0] = record.number(field, value);
                case "avg_quality" -> avgQuality[0] = record.number(field, value);
                case "domain" -> {
                    String text = record.text(field, value);
                    domain[0] = text == null ? "" : Names.bounded(text);
                }
                default -> value.skip();
            }
        });
        record.require("sample_count", sampleCount[0]);
        if (!record.valid()) {
            return null;
        }
        return new EmbeddingRegion(index, domain[0], sampleCount[0], Optional.ofNullable(avgQuality[0]));
    }
}
